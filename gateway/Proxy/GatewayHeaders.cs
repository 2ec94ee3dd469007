namespace AiGateway.Proxy;

/// <summary>Header names the proxy reads, strips or sets.</summary>
internal static class GatewayHeaders
{
    public const string ApiKey = "api-key";

    /// <summary>
    /// Caller headers that carry credentials or account selection; none of them may reach the upstream,
    /// where only the team's key speaks (list after envoyproxy/ai-gateway's testopenai sensitive headers).
    /// </summary>
    public static readonly string[] CallerCredentialHeaders =
    [
        "Authorization", ApiKey, "x-api-key", "OpenAI-Organization", "OpenAI-Project", "Cookie", "Proxy-Authorization",
    ];

    /// <summary>Headers with this prefix are the gateway's own and are never accepted from callers.</summary>
    public const string InternalPrefix = "x-aigw-";

    /// <summary>Response header carrying <see cref="GatewayRequestFeature.RequestId"/>, for callers quoting a request to operators.</summary>
    public const string RequestId = "x-aigw-request-id";

    /// <summary>The upstream's own request id (OpenAI's <c>x-request-id</c>): what the provider's bill is keyed by.</summary>
    public const string UpstreamRequestId = "x-request-id";
}

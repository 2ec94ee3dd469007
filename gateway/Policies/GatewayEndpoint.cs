namespace AiGateway.Policies;

/// <summary>The proxied API surfaces a team policy can allow, by the names used in policy files.</summary>
[Flags]
public enum GatewayEndpoint
{
    None = 0,
    /// <summary><c>POST /v1/chat/completions</c>, policy name <c>chat</c>.</summary>
    Chat = 1,
    /// <summary><c>POST /v1/completions</c>, policy name <c>completions</c>.</summary>
    Completions = 2,
    /// <summary><c>POST /v1/embeddings</c>, policy name <c>embeddings</c>.</summary>
    Embeddings = 4,
    /// <summary><c>GET /v1/models</c> and <c>GET /v1/models/{id}</c>, policy name <c>models</c>.</summary>
    Models = 8,
}

/// <summary>Policy-file names of <see cref="GatewayEndpoint"/> values.</summary>
public static class GatewayEndpointNames
{
    private static readonly Dictionary<string, GatewayEndpoint> ByName = new(StringComparer.Ordinal)
    {
        ["chat"] = GatewayEndpoint.Chat,
        ["completions"] = GatewayEndpoint.Completions,
        ["embeddings"] = GatewayEndpoint.Embeddings,
        ["models"] = GatewayEndpoint.Models,
    };

    public static IEnumerable<string> All => ByName.Keys;

    public static bool TryParse(string name, out GatewayEndpoint endpoint) => ByName.TryGetValue(name, out endpoint);

    public static string ToName(GatewayEndpoint endpoint) => endpoint switch
    {
        GatewayEndpoint.Chat => "chat",
        GatewayEndpoint.Completions => "completions",
        GatewayEndpoint.Embeddings => "embeddings",
        GatewayEndpoint.Models => "models",
        _ => endpoint.ToString(),
    };
}

namespace AiGateway.Errors;

/// <summary>
/// An error the gateway itself produces, in OpenAI's shape so unmodified SDKs parse it
/// (<c>{"error":{"message","type","param","code"}}</c>). Only errors from <see cref="GatewayErrors"/>
/// reach callers; anything else is reported as a generic server error.
/// </summary>
public sealed record GatewayError(int StatusCode, string Type, string? Code, string Message, string? Param = null)
{
    /// <summary>When set, the response also carries <c>x-should-retry: false</c> so SDKs stop retrying.</summary>
    public bool NotRetryable { get; init; }
}

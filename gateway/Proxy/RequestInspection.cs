using AiGateway.Errors;

namespace AiGateway.Proxy;

/// <summary>What the gateway needs from a request body, or why the body was refused.</summary>
public readonly record struct RequestInspection(string? Model, bool Stream, int? MaxTokens, GatewayError? Error)
{
    public static RequestInspection Fail(GatewayError error) => new(null, false, null, error);
}

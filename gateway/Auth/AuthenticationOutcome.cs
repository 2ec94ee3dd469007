using AiGateway.Errors;

namespace AiGateway.Auth;

/// <summary>Either the caller's token record or the caller-safe reason it was refused.</summary>
public readonly record struct AuthenticationOutcome(TokenRecord? Caller, GatewayError? Error)
{
    public static AuthenticationOutcome Success(TokenRecord caller) => new(caller, null);

    public static AuthenticationOutcome Failure(GatewayError error) => new(null, error);
}

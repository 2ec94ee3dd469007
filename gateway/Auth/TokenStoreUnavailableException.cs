namespace AiGateway.Auth;

/// <summary>
/// The shared token store (Redis) could not be reached, and the answer was not in this replica's cache.
/// Carries no token data: no secret, no hash, no key names. The caller decides what the client sees
/// (for example fail closed with a 503, per the Redis failure mode).
/// </summary>
public sealed class TokenStoreUnavailableException : Exception
{
    public TokenStoreUnavailableException()
        : base("The token store (Redis) is unavailable.")
    {
    }

    public TokenStoreUnavailableException(string message)
        : base(message)
    {
    }

    public TokenStoreUnavailableException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    internal static TokenStoreUnavailableException For(string operation, Exception? innerException) => new(
        $"The token store (Redis) could not be reached to {operation}. Check that Redis is up and reachable with " +
        "Redis:Configuration; tokens not cached on this replica cannot be checked until it answers.",
        innerException);
}

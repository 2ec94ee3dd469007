using StackExchange.Redis;

namespace AiGateway.Auth.Redis;

/// <summary>Which exceptions mean "Redis could not answer", and how to name one without its (long) message.</summary>
internal static class RedisFailures
{
    public static bool IsRedisFailure(Exception ex) => ex is RedisException or RedisTimeoutException;

    /// <summary>A failure that means "serve without Redis for now": also a multiplexer disposed during shutdown.</summary>
    public static bool IsOutage(Exception ex) => IsRedisFailure(ex) || ex is ObjectDisposedException;

    /// <summary>The exception type and, for connection errors, the failure kind: never the message or a key.</summary>
    public static string Describe(Exception? ex) => ex switch
    {
        null => "not connected",
        RedisConnectionException connection => $"{nameof(RedisConnectionException)}/{connection.FailureType}",
        _ => ex.GetType().Name,
    };
}

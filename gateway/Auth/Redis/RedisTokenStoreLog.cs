using System.Globalization;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace AiGateway.Auth.Redis;

/// <summary>
/// Log lines of the Redis token store. Token ids are safe to log; hashes appear only as an 8-hex-digit prefix
/// (<see cref="ShortHash"/>), and Redis exceptions only by type, never by message.
/// </summary>
internal static partial class RedisTokenStoreLog
{
    /// <summary>The first 8 hex digits of the hash: enough to correlate, far too little to look anything up.</summary>
    public static string ShortHash(TokenHash hash) => (hash.A >> 32).ToString("x8", CultureInfo.InvariantCulture);

    [LoggerMessage(RedisTokenStoreEventIds.ConnectionLost, LogLevel.Warning,
        "Token store lost its Redis {ConnectionType} connection ({FailureType}). Cached tokens are served for up to {StaleSeconds} s past their cache lifetime; other lookups fail until Redis is back.",
        EventName = "TokenStoreConnectionLost")]
    public static partial void ConnectionLost(ILogger logger, ConnectionType connectionType, ConnectionFailureType failureType, int staleSeconds);

    [LoggerMessage(RedisTokenStoreEventIds.ConnectionRestored, LogLevel.Information,
        "Token store's Redis {ConnectionType} connection is back; dropped {Dropped} cached tokens because invalidations may have been missed.",
        EventName = "TokenStoreConnectionRestored")]
    public static partial void ConnectionRestored(ILogger logger, ConnectionType connectionType, int dropped);

    [LoggerMessage(RedisTokenStoreEventIds.LookupUnavailable, LogLevel.Debug,
        "Token lookup for hash {HashPrefix}… failed: Redis unavailable ({Reason}) and the token is not cached.",
        EventName = "TokenLookupUnavailable")]
    public static partial void LookupUnavailable(ILogger logger, string hashPrefix, string reason);

    [LoggerMessage(RedisTokenStoreEventIds.ServedStale, LogLevel.Debug,
        "Token {TokenId} (hash {HashPrefix}…) served from this replica's cache past its lifetime: Redis unavailable ({Reason}).",
        EventName = "TokenServedStale")]
    public static partial void ServedStale(ILogger logger, string tokenId, string hashPrefix, string reason);

    [LoggerMessage(RedisTokenStoreEventIds.Invalidated, LogLevel.Debug,
        "Token {TokenId} (hash {HashPrefix}…) changed; dropped from this replica's cache.",
        EventName = "TokenInvalidated")]
    public static partial void Invalidated(ILogger logger, string tokenId, string hashPrefix);

    [LoggerMessage(RedisTokenStoreEventIds.MalformedEvent, LogLevel.Warning,
        "Ignored a malformed message on the token events channel; cleared the whole token cache to be safe.",
        EventName = "TokenEventMalformed")]
    public static partial void MalformedEvent(ILogger logger);

    [LoggerMessage(RedisTokenStoreEventIds.SubscriptionDeferred, LogLevel.Warning,
        "Could not confirm the subscription to token invalidations yet ({Reason}); retrying every second, and nothing is cached until it is confirmed.",
        EventName = "TokenSubscriptionDeferred")]
    public static partial void SubscriptionDeferred(ILogger logger, string reason);

    [LoggerMessage(RedisTokenStoreEventIds.ResynchronizeFailed, LogLevel.Warning,
        "Token invalidations could not be confirmed after the Redis {ConnectionType} connection came back ({Reason}); retrying every second, and nothing is cached until then.",
        EventName = "TokenResynchronizeFailed")]
    public static partial void ResynchronizeFailed(ILogger logger, ConnectionType connectionType, string reason);

    [LoggerMessage(RedisTokenStoreEventIds.TokenAdded, LogLevel.Debug,
        "Token {TokenId} added for team {Team}.", EventName = "TokenAdded")]
    public static partial void TokenAdded(ILogger logger, string tokenId, string team);

    [LoggerMessage(RedisTokenStoreEventIds.StatusChanged, LogLevel.Debug,
        "Token {TokenId} is now {Status}; invalidation published.", EventName = "TokenStatusChanged")]
    public static partial void StatusChanged(ILogger logger, string tokenId, TokenStatus status);
}

namespace AiGateway.Auth.Redis;

/// <summary>
/// Log event ids of the Redis token store (range 1500–1599). Kept here until they move into the shared
/// <c>Telemetry/EventIds</c> table; dashboards key on them, so never renumber.
/// </summary>
internal static class RedisTokenStoreEventIds
{
    public const int ConnectionLost = 1500;
    public const int ConnectionRestored = 1501;
    public const int LookupUnavailable = 1502;
    public const int ServedStale = 1503;
    public const int Invalidated = 1504;
    public const int MalformedEvent = 1505;
    public const int SubscriptionDeferred = 1506;
    public const int ResynchronizeFailed = 1507;
    public const int TokenAdded = 1508;
    public const int StatusChanged = 1509;
}

namespace AiGateway.Telemetry;

/// <summary>
/// Stable log event ids; dashboards and alerts key on them, so never renumber. Ranges: 1000 hosting,
/// 1100 policies, 1200 keys (1210+ Vault), 1300 proxy, 1400 limits, 1500 token store, 1600 Redis, 1700 spend, 2000 the key rotation tool (its own
/// RotationEventIds table), 9000 audit.
/// </summary>
public static class EventIds
{
    public const int GatewayStarted = 1000;
    public const int BootstrapTokenGenerated = 1001;
    public const int PoliciesLoaded = 1100;
    public const int PolicyReloadRejected = 1101;
    public const int UpstreamKeysLoaded = 1200;
    public const int UpstreamKeyFileRejected = 1201;
    public const int VaultLoggedIn = 1210;
    public const int VaultTokenRenewed = 1211;
    public const int VaultTokenMaintenanceFailed = 1212;
    public const int VaultKeyRefreshed = 1213;
    public const int VaultKeyRefreshFailed = 1214;
    public const int VaultKeyStale = 1215;
    public const int UpstreamRejectedKey = 1300;
    public const int UpstreamKeyRetried = 1301;
    public const int UpstreamKeyRefreshFailed = 1302;
    public const int RateLimited = 1400;
    // 1500-1509: the Redis token store (Auth/Redis/RedisTokenStoreEventIds): connection lost/restored,
    // lookup unavailable, served stale, invalidated, malformed event, subscription deferred,
    // resynchronize failed, token added, status changed.
    public const int RedisUnavailable = 1600;
    public const int RedisRecovered = 1601;
    public const int RedisReconcileFailed = 1602;
    // 1700: spend (budgets, breakers, ledger).
    public const int SpendRedisUnavailable = 1700;
    public const int SpendRedisRecovered = 1701;
    public const int LedgerSpooled = 1702;
    public const int LedgerReplayed = 1703;
    public const int LedgerReplayFailed = 1704;
    public const int BreakerTripped = 1710;
    public const int BudgetAlert = 1711;
    public const int BudgetRefused = 1712;
    public const int SettleFailed = 1713;
    public const int BreakerSuspendDeferred = 1714;
    public const int AdminAction = 9000;
    public const int AuditBreakerTripped = 9010;
    public const int AuditBudgetAlert = 9011;
    public const int RequestAudit = 9001;
}

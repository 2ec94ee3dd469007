using AiGateway.Auth.Redis;
using AiGateway.Storage.Redis;
using Microsoft.Extensions.Logging;

namespace AiGateway.Spend;

/// <summary>
/// Redis spend with an explicit answer for outages. Admission: fail-closed refuses (503); fail-open applies
/// each replica's share of the spend-velocity breakers locally (monthly caps cannot be checked without the
/// shared totals and are not enforced until Redis answers). Settlement never loses a record: what Redis
/// cannot take goes to the local spool, replayed idempotently by <see cref="LedgerSpoolReplayer"/>.
/// </summary>
internal sealed partial class ResilientSpendStore : ISpendStore
{
    private readonly RedisSpendStore _redis;
    private readonly EmbeddedSpendStore _local;
    private readonly LedgerSpool _spool;
    private readonly RedisFailureMode _mode;
    private readonly int _replicas;
    private readonly ILogger<ResilientSpendStore> _logger;
    private int _degraded;

    public ResilientSpendStore(RedisSpendStore redis, EmbeddedSpendStore local, LedgerSpool spool, RedisOptions options, ILogger<ResilientSpendStore> logger)
    {
        _redis = redis;
        _local = local;
        _spool = spool;
        _mode = options.FailureMode;
        _replicas = options.ReplicaCount;
        _logger = logger;
    }

    public async ValueTask<SpendAdmission> ReserveAsync(SpendRequest request, CancellationToken cancellationToken)
    {
        try
        {
            var result = await _redis.ReserveAsync(request, cancellationToken).ConfigureAwait(false);
            if (Interlocked.Exchange(ref _degraded, 0) == 1)
            {
                Log.RedisRecovered(_logger);
            }
            return result;
        }
        catch (Exception ex) when (RedisFailures.IsOutage(ex))
        {
            if (Interlocked.Exchange(ref _degraded, 1) == 0)
            {
                Log.RedisUnavailable(_logger, _mode.ToString(), RedisFailures.Describe(ex));
            }
            if (_mode == RedisFailureMode.Closed)
            {
                return SpendAdmission.Unavailable;
            }
            var policy = request.Policy;
            var share = policy with
            {
                TeamMonthlyCapMicros = 0,
                TokenMonthlyCapMicros = 0,
                TeamBreaker = Share(policy.TeamBreaker),
                TokenBreaker = Share(policy.TokenBreaker),
            };
            return await _local.ReserveAsync(request with { Policy = share }, cancellationToken).ConfigureAwait(false);
        }
    }

    private VelocityLimit Share(VelocityLimit limit) =>
        limit.IsNone || _replicas <= 1 ? limit : limit with { MaxMicros = Math.Max(1, limit.MaxMicros / _replicas) };

    public async ValueTask<SettleResult> SettleAsync(Settlement settlement, CancellationToken cancellationToken)
    {
        if (settlement.Reservation is { Local: true })
        {
            // The local fallback admitted it: its velocity window must see the spend too.
            await _local.SettleAsync(settlement with { Policy = SpendPolicy.None }, cancellationToken).ConfigureAwait(false);
        }
        try
        {
            return await _redis.SettleAsync(settlement, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (RedisFailures.IsOutage(ex))
        {
            _spool.Append(settlement.Record);
            Log.Spooled(_logger, settlement.Record.RequestId, _spool.Count, RedisFailures.Describe(ex));
            return new SettleResult(true, 0, 0, false, false, SpendRefusal.None);
        }
    }

    public ValueTask<IReadOnlyList<SpendAggregate>> ReadAggregatesAsync(IReadOnlyCollection<string> teams, DateOnly firstDay, DateOnly lastDay, CancellationToken cancellationToken) =>
        _redis.ReadAggregatesAsync(teams, firstDay, lastDay, cancellationToken);

    public ValueTask<IReadOnlyList<LedgerRecord>> ReadLedgerAsync(IReadOnlyCollection<string> teams, long fromMs, long toMs, CancellationToken cancellationToken) =>
        _redis.ReadLedgerAsync(teams, fromMs, toMs, cancellationToken);

    public ValueTask<BudgetState> GetBudgetAsync(string team, string month, CancellationToken cancellationToken) =>
        _redis.GetBudgetAsync(team, month, cancellationToken);

    public ValueTask<IReadOnlyCollection<string>> KnownTeamsAsync(CancellationToken cancellationToken) =>
        _redis.KnownTeamsAsync(cancellationToken);

    public async ValueTask<bool> ResetBreakerAsync(string team, string? tokenId, CancellationToken cancellationToken)
    {
        var local = await _local.ResetBreakerAsync(team, tokenId, cancellationToken).ConfigureAwait(false);
        return await _redis.ResetBreakerAsync(team, tokenId, cancellationToken).ConfigureAwait(false) || local;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = Telemetry.EventIds.SpendRedisUnavailable, Level = LogLevel.Error, EventName = "RedisUnavailableForSpend",
            Message = "Redis is unavailable for budgets and breakers; failure mode {Mode} is in force until it answers again. Ledger records are spooled locally. {Reason}")]
        public static partial void RedisUnavailable(ILogger logger, string mode, string reason);

        [LoggerMessage(EventId = Telemetry.EventIds.SpendRedisRecovered, Level = LogLevel.Warning, EventName = "RedisRecoveredForSpend",
            Message = "Redis answers again; shared budgets and breakers are back in force.")]
        public static partial void RedisRecovered(ILogger logger);

        [LoggerMessage(EventId = Telemetry.EventIds.LedgerSpooled, Level = LogLevel.Warning, EventName = "LedgerRecordSpooled",
            Message = "Ledger record {RequestId} spooled locally ({Waiting} waiting for Redis). {Reason}")]
        public static partial void Spooled(ILogger logger, string requestId, int waiting, string reason);
    }
}

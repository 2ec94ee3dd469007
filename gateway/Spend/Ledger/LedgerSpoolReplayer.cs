using AiGateway.Policies;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AiGateway.Spend;

/// <summary>
/// Replays spooled ledger records into Redis once it answers again, oldest first, then trims what was
/// delivered. Checks every second while records wait; a failed attempt leaves them for the next round.
/// </summary>
internal sealed partial class LedgerSpoolReplayer : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private readonly LedgerSpool _spool;
    private readonly RedisSpendStore? _redis;
    private readonly IPolicyProvider _policies;
    private readonly TimeProvider _time;
    private readonly ILogger<LedgerSpoolReplayer> _logger;

    public LedgerSpoolReplayer(LedgerSpool spool, RedisSpendStore? redis, IPolicyProvider policies, TimeProvider time, ILogger<LedgerSpoolReplayer> logger)
    {
        _spool = spool;
        _redis = redis;
        _policies = policies;
        _time = time;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_redis is null)
        {
            return; // the embedded store writes its ledger directly: nothing is ever spooled
        }
        using var timer = new PeriodicTimer(Interval, _time);
        do
        {
            if (_spool.Count > 0)
            {
                await ReplayAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    /// <summary>One replay round; returns how many records were delivered.</summary>
    public async Task<int> ReplayAsync(CancellationToken cancellationToken)
    {
        if (_redis is null)
        {
            return 0;
        }
        var waiting = _spool.Snapshot();
        var delivered = 0;
        try
        {
            foreach (var record in waiting)
            {
                var policy = _policies.Current.Find(record.Team)?.Spend ?? SpendPolicy.None;
                await _redis.SettleAsync(new Settlement(record, null, policy), cancellationToken).ConfigureAwait(false);
                delivered++;
            }
        }
        catch (Exception ex) when (Auth.Redis.RedisFailures.IsOutage(ex))
        {
            var reason = Auth.Redis.RedisFailures.Describe(ex);
            Log.ReplayFailed(_logger, waiting.Count - delivered, reason);
        }
        if (delivered > 0)
        {
            _spool.Trim(delivered);
            Log.Replayed(_logger, delivered, _spool.Count);
        }
        return delivered;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = Telemetry.EventIds.LedgerReplayed, Level = LogLevel.Information, EventName = "LedgerReplayed",
            Message = "Replayed {Delivered} spooled ledger records into Redis ({Waiting} still waiting).")]
        public static partial void Replayed(ILogger logger, int delivered, int waiting);

        [LoggerMessage(EventId = Telemetry.EventIds.LedgerReplayFailed, Level = LogLevel.Debug, EventName = "LedgerReplayFailed",
            Message = "Redis is still unavailable; {Waiting} spooled ledger records wait for the next attempt. {Reason}")]
        public static partial void ReplayFailed(ILogger logger, int waiting, string reason);
    }
}

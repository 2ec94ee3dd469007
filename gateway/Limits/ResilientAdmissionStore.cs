using AiGateway.Storage.Redis;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace AiGateway.Limits;

/// <summary>
/// Redis admission with an explicit answer for Redis outages, never a silent one: fail-open applies each
/// replica's share of the limits locally; fail-closed refuses with 503. Both are logged when they start and
/// end and counted, and recover by themselves as soon as Redis answers again.
/// </summary>
internal sealed partial class ResilientAdmissionStore : IAdmissionStore
{
    private readonly RedisAdmissionStore _redis;
    private readonly EmbeddedAdmissionStore _local;
    private readonly RedisFailureMode _mode;
    private readonly int _replicas;
    private readonly ILogger<ResilientAdmissionStore> _logger;
    private readonly RedisMetrics _metrics;
    private int _degraded;
    private long _fallbackCount;

    public ResilientAdmissionStore(RedisAdmissionStore redis, EmbeddedAdmissionStore local, RedisOptions options,
        RedisMetrics metrics, ILogger<ResilientAdmissionStore> logger)
    {
        _metrics = metrics;
        _redis = redis;
        _local = local;
        _mode = options.FailureMode;
        _replicas = options.ReplicaCount;
        _logger = logger;
    }

    /// <summary>Requests decided without Redis since start (fail-open or fail-closed).</summary>
    public long FallbackCount => Interlocked.Read(ref _fallbackCount);

    public async ValueTask<AdmissionResult> AdmitAsync(AdmissionRequest request, CancellationToken cancellationToken)
    {
        try
        {
            var result = await _redis.AdmitAsync(request, cancellationToken).ConfigureAwait(false);
            if (Interlocked.Exchange(ref _degraded, 0) == 1)
            {
                Log.RedisRecovered(_logger, FallbackCount);
            }
            return result;
        }
        catch (Exception ex) when (ex is RedisException or RedisTimeoutException or ObjectDisposedException)
        {
            Interlocked.Increment(ref _fallbackCount);
            _metrics.Failed(RedisOperation.Admission);
            if (Interlocked.Exchange(ref _degraded, 1) == 0)
            {
                Log.RedisUnavailable(_logger, _mode.ToString(), ex.Message);
            }
            if (_mode == RedisFailureMode.Closed)
            {
                return AdmissionResult.Unavailable;
            }
            var share = request with { TeamLimits = request.TeamLimits.Share(_replicas), TokenLimits = request.TokenLimits.Share(_replicas) };
            return await _local.AdmitAsync(share, cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask ReconcileAsync(Reservation reservation, long actualTokens, CancellationToken cancellationToken)
    {
        if (reservation.Local)
        {
            await _local.ReconcileAsync(reservation, actualTokens, cancellationToken).ConfigureAwait(false);
            return;
        }
        try
        {
            await _redis.ReconcileAsync(reservation, actualTokens, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or RedisTimeoutException or ObjectDisposedException)
        {
            // The estimate stays in the window: conservative, and gone within a minute.
            _metrics.Failed(RedisOperation.Reconcile);
            Log.ReconcileFailed(_logger, reservation.Team, ex.Message);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = Telemetry.EventIds.RedisUnavailable, Level = LogLevel.Error, EventName = "RedisUnavailableForLimits",
            Message = "Redis is unavailable for rate limits; failure mode {Mode} is in force until it answers again. {Reason}")]
        public static partial void RedisUnavailable(ILogger logger, string mode, string reason);

        [LoggerMessage(EventId = Telemetry.EventIds.RedisRecovered, Level = LogLevel.Warning, EventName = "RedisRecoveredForLimits",
            Message = "Redis answers again; shared rate limits are back in force ({Fallbacks} requests were decided without it so far).")]
        public static partial void RedisRecovered(ILogger logger, long fallbacks);

        [LoggerMessage(EventId = Telemetry.EventIds.RedisReconcileFailed, Level = LogLevel.Debug, EventName = "RedisReconcileFailed",
            Message = "Could not correct a reservation of team {Team} in Redis; its estimate stays counted. {Reason}")]
        public static partial void ReconcileFailed(ILogger logger, string team, string reason);
    }
}

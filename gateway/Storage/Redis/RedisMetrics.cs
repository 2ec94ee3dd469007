using System.Diagnostics.Metrics;
using AiGateway.Telemetry;

namespace AiGateway.Storage.Redis;

/// <summary>
/// Redis calls that failed, by operation: each one a fallback (fail-open or fail-closed) or a refused request.
/// Counted with one interlocked add and read at scrape time, so every operation is exported from the start, at 0.
/// </summary>
public sealed class RedisMetrics
{
    private readonly long[] _errors = new long[Operations.Length];

    private static readonly string[] Operations = ["admission", "reconcile", "token_lookup", "token_admin"];

    public RedisMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        meterFactory.Create(GatewayMeter.Name).CreateObservableCounter("redis_errors_total", Observe, "{error}",
            "Redis calls that failed (timeouts, lost connections), by operation.");
    }

    public void Failed(RedisOperation operation) => Interlocked.Increment(ref _errors[(int)operation]);

    private IEnumerable<Measurement<long>> Observe()
    {
        var measurements = new Measurement<long>[Operations.Length];
        for (var i = 0; i < measurements.Length; i++)
        {
            measurements[i] = new Measurement<long>(Interlocked.Read(ref _errors[i]),
                new KeyValuePair<string, object?>(MetricLabels.Operation, Operations[i]));
        }
        return measurements;
    }
}

/// <summary>What the gateway was doing when Redis failed: the <c>operation</c> label of <c>aigw_redis_errors_total</c>.</summary>
public enum RedisOperation
{
    /// <summary>Admitting a request against TPM/RPM.</summary>
    Admission,

    /// <summary>Correcting a reservation to the real usage.</summary>
    Reconcile,

    /// <summary>Looking up a caller token.</summary>
    TokenLookup,

    /// <summary>Reading or writing tokens for the admin API.</summary>
    TokenAdmin,
}

using System.Diagnostics.Metrics;

namespace AiGateway.Telemetry;

/// <summary>
/// The gateway's meter. Every feature's metrics class creates it from <see cref="IMeterFactory"/> under this name.
/// </summary>
/// <remarks>
/// prometheus-net's MeterAdapter names a series <c>{meter name}_{instrument name}</c>, lowercased, with every character
/// outside <c>[a-z0-9_]</c> turned into <c>_</c>; it adds no unit or <c>_total</c> suffix. The scrape names are a contract
/// (deploy/prometheus/metric-names.txt: alerts and dashboards key on them), so the meter is named for their <c>aigw_</c>
/// prefix and each instrument carries the rest of its Prometheus name, suffix included: instrument <c>requests_total</c>
/// is scraped as <c>aigw_requests_total</c>.
/// </remarks>
public static class GatewayMeter
{
    public const string Name = "aigw";

    /// <summary>
    /// Gateway overhead is sub-millisecond when all is well; the buckets resolve 100 µs steps there and still
    /// place a pathological 10 s (a stalled Redis, say) in a bucket of its own.
    /// </summary>
    public static readonly double[] OverheadBuckets =
        [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    /// <summary>Upstream calls range from a fast embedding (tens of ms) to a long stream (minutes).</summary>
    public static readonly double[] UpstreamBuckets =
        [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

    /// <summary>Histogram buckets for the Prometheus export: the instrument's own advice, else prometheus-net's default.</summary>
    public static double[] BucketsFor(Instrument instrument) => instrument switch
    {
        Histogram<double> { Advice.HistogramBucketBoundaries: { } boundaries } => [.. boundaries],
        _ => Prometheus.MeterAdapterOptions.DefaultHistogramBuckets,
    };
}

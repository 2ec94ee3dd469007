using System.Diagnostics.Metrics;
using Prometheus;

namespace AiGateway.Telemetry;

/// <summary>
/// Publishes this host's <see cref="GatewayMeter"/> instruments, plus prometheus-net's process and .NET runtime
/// metrics, in a registry of its own that <c>GET /metrics</c> serves.
/// </summary>
/// <remarks>
/// Not prometheus-net's default registry: that one is static, and its default adapter would publish every meter in
/// the process, so two gateway hosts in one process (the integration tests run many) would report each other's traffic.
/// Instruments are matched by the <see cref="IMeterFactory"/> that created them (their meter's scope). The default
/// EventCounter adapter is left out for the same reason (it is a process-wide listener, one more per host); the
/// process and runtime basics come from <see cref="DotNetStats"/>.
/// </remarks>
public sealed class PrometheusMeterExport : IDisposable
{
    /// <summary>
    /// How long a label set may go without a measurement before prometheus-net unpublishes it. Labels are bounded
    /// (teams, <see cref="GatewayMetrics.MaxModelLabels"/> models), so series can live long; idle for a day, a team's
    /// series leave the scrape and restart from zero when it returns, which rate() reads as a counter reset.
    /// </summary>
    public static readonly TimeSpan SeriesLifetime = TimeSpan.FromDays(1);

    private readonly IDisposable _adapter;

    public PrometheusMeterExport(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        Registry = Metrics.NewCustomRegistry();
        DotNetStats.Register(Registry);
        _adapter = MeterAdapter.StartListening(new MeterAdapterOptions
        {
            Registry = Registry,
            // In prometheus-net 8.2.1 MetricFactory defaults to the static default factory and wins over Registry;
            // without this line every series would land in the default registry, which nothing serves.
            MetricFactory = Metrics.WithCustomRegistry(Registry),
            InstrumentFilterPredicate = instrument =>
                instrument.Meter.Name == GatewayMeter.Name && ReferenceEquals(instrument.Meter.Scope, meterFactory),
            ResolveHistogramBuckets = GatewayMeter.BucketsFor,
            MetricsExpireAfter = SeriesLifetime,
        });
    }

    public CollectorRegistry Registry { get; }

    public void Dispose() => _adapter.Dispose();
}

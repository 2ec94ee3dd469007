using System.Diagnostics.Metrics;
using AiGateway.Telemetry;

namespace AiGateway.Keys.Vault;

/// <summary>
/// Upstream key reads from Vault by outcome: <c>success</c> (a key was read) or <c>failure</c> (Vault unreachable,
/// refused, or no <c>api_key</c> at the path). Read at scrape time, so both outcomes are exported from the start.
/// </summary>
public sealed class VaultMetrics
{
    private long _successes;
    private long _failures;

    public VaultMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        meterFactory.Create(GatewayMeter.Name).CreateObservableCounter("vault_refreshes_total", Observe, "{refresh}",
            "Upstream key reads from Vault, by outcome (success or failure).");
    }

    public void Refreshed(bool success) => Interlocked.Increment(ref success ? ref _successes : ref _failures);

    private IEnumerable<Measurement<long>> Observe() =>
    [
        new(Interlocked.Read(ref _successes), new KeyValuePair<string, object?>(MetricLabels.Outcome, MetricLabels.Success)),
        new(Interlocked.Read(ref _failures), new KeyValuePair<string, object?>(MetricLabels.Outcome, MetricLabels.Failure)),
    ];
}

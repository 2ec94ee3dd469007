using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using AiGateway.Telemetry;

namespace AiGateway.Spend;

/// <summary>
/// Instruments of budgets, breakers and the ledger (scrape names in deploy/prometheus/metric-names.txt):
/// breaker trips and soft budget alerts as counters, each team's share of its monthly cap and the records
/// waiting in the local spool as gauges.
/// </summary>
public sealed class SpendMetrics
{
    private readonly Counter<long> _trips;
    private readonly Counter<long> _alerts;
    private readonly ConcurrentDictionary<string, double> _usedRatio = new(StringComparer.Ordinal);
    private Func<int> _spooled = static () => 0;

    public SpendMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(GatewayMeter.Name);
        _trips = meter.CreateCounter<long>("breaker_trips_total", "{trip}",
            "Spend-velocity breakers tripped, by team and scope (token or team): each suspended something.");
        _alerts = meter.CreateCounter<long>("budget_alerts_total", "{alert}",
            "Soft budget alerts: a team's or a token's monthly spend crossed the policy's alert percent.");
        meter.CreateObservableGauge("budget_used_ratio", ObserveUsedRatio, "1",
            "Spend this month divided by the team's monthly cap (teams with a cap), as last seen by this replica.");
        meter.CreateObservableGauge("ledger_spooled_records", () => _spooled(), "{record}",
            "Ledger records kept in the local spool because Redis could not take them; replayed when it answers.");
    }

    internal void ObserveSpool(LedgerSpool spool) => _spooled = () => spool.Count;

    public void BreakerTripped(string team, string scope) =>
        _trips.Add(1, new KeyValuePair<string, object?>("team", team), new KeyValuePair<string, object?>("scope", scope));

    public void BudgetAlert(string team, string scope) =>
        _alerts.Add(1, new KeyValuePair<string, object?>("team", team), new KeyValuePair<string, object?>("scope", scope));

    public void BudgetUsed(string team, long spentMicros, long capMicros)
    {
        if (capMicros > 0)
        {
            _usedRatio[team] = (double)spentMicros / capMicros;
        }
    }

    private IEnumerable<Measurement<double>> ObserveUsedRatio()
    {
        foreach (var (team, ratio) in _usedRatio)
        {
            yield return new Measurement<double>(ratio, new KeyValuePair<string, object?>("team", team));
        }
    }
}

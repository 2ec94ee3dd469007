namespace AiGateway.LoadTests;

/// <summary>One target's result against the baseline target's, for the same scenario. Positive latency deltas mean slower.</summary>
/// <param name="Scenario">Scenario name.</param>
/// <param name="Target">The compared target.</param>
/// <param name="Baseline">The baseline target.</param>
/// <param name="P50DeltaMs">Median latency difference.</param>
/// <param name="P50DeltaPercent">Median latency difference relative to the baseline; null when the baseline is 0.</param>
/// <param name="P99DeltaMs">99th-percentile latency difference.</param>
/// <param name="P99DeltaPercent">99th-percentile difference relative to the baseline; null when the baseline is 0.</param>
/// <param name="RpsDelta">Throughput difference (requests/s).</param>
/// <param name="RpsDeltaPercent">Throughput difference relative to the baseline; null when the baseline is 0.</param>
public sealed record TargetComparison(
    string Scenario,
    string Target,
    string Baseline,
    double P50DeltaMs,
    double? P50DeltaPercent,
    double P99DeltaMs,
    double? P99DeltaPercent,
    double RpsDelta,
    double? RpsDeltaPercent)
{
    /// <summary>Compares <paramref name="result"/> with <paramref name="baseline"/>.</summary>
    public static TargetComparison Between(ScenarioResult result, ScenarioResult baseline)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(baseline);
        return new TargetComparison(
            result.Scenario,
            result.Target ?? string.Empty,
            baseline.Target ?? string.Empty,
            Delta(result.Latency.P50Ms, baseline.Latency.P50Ms),
            Percent(result.Latency.P50Ms, baseline.Latency.P50Ms),
            Delta(result.Latency.P99Ms, baseline.Latency.P99Ms),
            Percent(result.Latency.P99Ms, baseline.Latency.P99Ms),
            Delta(result.Rps, baseline.Rps),
            Percent(result.Rps, baseline.Rps));
    }

    private static double Delta(double value, double baseline) => Math.Round(value - baseline, 3);

    private static double? Percent(double value, double baseline) =>
        baseline == 0 ? null : Math.Round((value - baseline) / baseline * 100, 1);
}

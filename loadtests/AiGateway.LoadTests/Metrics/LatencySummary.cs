using HdrHistogram;

namespace AiGateway.LoadTests;

/// <summary>Percentiles of one distribution, in milliseconds with microsecond precision.</summary>
/// <param name="Count">Values recorded.</param>
/// <param name="MeanMs">Mean.</param>
/// <param name="P50Ms">Median.</param>
/// <param name="P90Ms">90th percentile.</param>
/// <param name="P99Ms">99th percentile.</param>
/// <param name="P999Ms">99.9th percentile.</param>
/// <param name="MaxMs">Largest value (capped at 60 s).</param>
public sealed record LatencySummary(long Count, double MeanMs, double P50Ms, double P90Ms, double P99Ms, double P999Ms, double MaxMs)
{
    /// <summary>The summary of an empty distribution.</summary>
    public static LatencySummary Empty { get; } = new(0, 0, 0, 0, 0, 0, 0);

    internal static LatencySummary From(HistogramBase micros)
    {
        if (micros.TotalCount == 0)
        {
            return Empty;
        }

        return new LatencySummary(
            micros.TotalCount,
            ToMs(micros.GetMean()),
            ToMs(micros.GetValueAtPercentile(50)),
            ToMs(micros.GetValueAtPercentile(90)),
            ToMs(micros.GetValueAtPercentile(99)),
            ToMs(micros.GetValueAtPercentile(99.9)),
            ToMs(micros.GetMaxValue()));
    }

    private static double ToMs(double micros) => Math.Round(micros / 1000.0, 3);
}

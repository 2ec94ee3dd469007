using System.Globalization;

namespace AiGateway.UnitTests.Limits.Estimation;

/// <summary>Distribution of relative errors <c>(estimate − exact) / exact</c>.</summary>
public readonly record struct ErrorStats(double MeanSigned, double P50Absolute, double P95Absolute, double Min, double Max, double UnderShare)
{
    public static ErrorStats Of(IReadOnlyCollection<double> errors)
    {
        if (errors.Count == 0)
        {
            return default;
        }

        var absolute = errors.Select(Math.Abs).Order().ToArray();
        return new ErrorStats(
            errors.Average(),
            Percentile(absolute, 0.50),
            Percentile(absolute, 0.95),
            errors.Min(),
            errors.Max(),
            errors.Count(e => e < 0) / (double)errors.Count);
    }

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    public static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"mean {MeanSigned:+0.0%;-0.0%}, p50 |err| {P50Absolute:0.0%}, p95 |err| {P95Absolute:0.0%}, min {Min:+0.0%;-0.0%}, max {Max:+0.0%;-0.0%}, under {UnderShare:0%}");
}

namespace AiGateway.LoadTests;

/// <summary>Everything one invocation measured: the JSON report's root object.</summary>
public sealed record LoadReport
{
    /// <summary>Bumped when a property changes meaning or disappears.</summary>
    public int SchemaVersion { get; init; } = 1;

    /// <summary>Always <c>aigw-load</c>.</summary>
    public string Tool { get; init; } = "aigw-load";

    /// <summary>When the report was produced (UTC).</summary>
    public DateTimeOffset GeneratedAt { get; init; }

    /// <summary>Name of the baseline target, if any.</summary>
    public string? Baseline { get; init; }

    /// <summary>One entry per scenario and target, in run order.</summary>
    public required IReadOnlyList<ScenarioResult> Results { get; init; }

    /// <summary>Every non-baseline result against the baseline result of the same scenario.</summary>
    public required IReadOnlyList<TargetComparison> Comparisons { get; init; }

    /// <summary>Builds a report, comparing each scenario's results with its <paramref name="baseline"/> target's.</summary>
    public static LoadReport Create(IReadOnlyList<ScenarioResult> results, string? baseline, DateTimeOffset generatedAt)
    {
        ArgumentNullException.ThrowIfNull(results);
        var comparisons = new List<TargetComparison>();
        if (baseline is not null)
        {
            foreach (var group in results.GroupBy(r => r.Scenario, StringComparer.Ordinal))
            {
                var reference = group.FirstOrDefault(r => r.Target == baseline);
                if (reference is null)
                {
                    continue;
                }

                comparisons.AddRange(group.Where(r => !ReferenceEquals(r, reference)).Select(r => TargetComparison.Between(r, reference)));
            }
        }

        return new LoadReport { GeneratedAt = generatedAt, Baseline = baseline, Results = results, Comparisons = comparisons };
    }
}

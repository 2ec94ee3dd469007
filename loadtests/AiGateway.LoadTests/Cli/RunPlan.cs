namespace AiGateway.LoadTests;

/// <summary>
/// A whole invocation: every scenario runs against each of its targets in turn (never at the same time, so they
/// don't compete for the machine), and the report sets the targets side by side.
/// </summary>
public sealed record RunPlan
{
    /// <summary>Targets, in the order they run.</summary>
    public required IReadOnlyList<LoadTarget> Targets { get; init; }

    /// <summary>Scenarios, in the order they run.</summary>
    public required IReadOnlyList<ScenarioPlan> Scenarios { get; init; }

    /// <summary>Folder receiving <c>report.md</c> and <c>report.json</c>.</summary>
    public required string OutputFolder { get; init; }

    /// <summary>Target the others are compared with; null for no comparison.</summary>
    public string? Baseline { get; init; }

    /// <summary>Client connection settings, per target.</summary>
    public HttpConnectionOptions Connections { get; init; } = new();

    /// <summary>Open model: most requests in flight per run.</summary>
    public int MaxInFlight { get; init; } = 10_000;

    /// <summary>How long in-flight requests may finish after the load window.</summary>
    public TimeSpan GracePeriod { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Interval of progress lines.</summary>
    public TimeSpan ReportInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Throws <see cref="CliUsageException"/> naming every inconsistency.</summary>
    public void Validate()
    {
        var errors = new List<string>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var target in Targets)
        {
            if (!names.Add(target.Name))
            {
                errors.Add($"target name '{target.Name}' is used twice.");
            }
        }

        if (Targets.Count == 0)
        {
            errors.Add("no target: pass --target name=http://127.0.0.1:PORT/v1.");
        }

        if (Scenarios.Count == 0)
        {
            errors.Add("no scenario.");
        }

        if (Baseline is not null && !names.Contains(Baseline))
        {
            errors.Add($"baseline '{Baseline}' is not one of the targets ({string.Join(", ", names)}).");
        }

        foreach (var scenario in Scenarios)
        {
            if (scenario.Load.Count == 0)
            {
                errors.Add($"scenario '{scenario.Name}' has no load; pass --load, e.g. inject:100/s:10s.");
            }

            foreach (var unknown in scenario.Targets?.Where(t => !names.Contains(t)) ?? [])
            {
                errors.Add($"scenario '{scenario.Name}' names unknown target '{unknown}'.");
            }
        }

        if (string.IsNullOrWhiteSpace(OutputFolder))
        {
            errors.Add("no output folder: pass --out loadtests/results/<run>.");
        }

        if (errors.Count > 0)
        {
            throw new CliUsageException(string.Join(Environment.NewLine, errors));
        }
    }
}

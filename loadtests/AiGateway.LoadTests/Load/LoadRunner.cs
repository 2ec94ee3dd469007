namespace AiGateway.LoadTests;

/// <summary>Runs a scenario under a load simulation and returns what was measured.</summary>
public static class LoadRunner
{
    /// <summary>Runs <paramref name="scenario"/> under one load phase with default options.</summary>
    public static Task<ScenarioResult> RunAsync(Scenario scenario, LoadSimulation simulation, CancellationToken cancellationToken = default) =>
        RunAsync(scenario, [simulation], null, cancellationToken);

    /// <summary>
    /// Runs <paramref name="scenario"/> through <paramref name="simulations"/> one after another: first the
    /// warm-up (the same phases, cut to <see cref="LoadRunOptions.WarmUp"/>, not recorded), then the measured run.
    /// </summary>
    public static async Task<ScenarioResult> RunAsync(
        Scenario scenario,
        IReadOnlyList<LoadSimulation> simulations,
        LoadRunOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(simulations);
        if (simulations.Count == 0)
        {
            throw new ArgumentException("At least one load simulation is needed.", nameof(simulations));
        }

        options ??= new LoadRunOptions();
        options.Validate();

        if (options.WarmUp > TimeSpan.Zero)
        {
            var warmUp = new ScenarioExecution(scenario, Truncate(simulations, options.WarmUp), options, new ScenarioMetrics(options.Clock));
            await warmUp.RunAsync(cancellationToken).ConfigureAwait(false);
        }

        var metrics = new ScenarioMetrics(options.Clock);
        var execution = new ScenarioExecution(scenario, simulations, options, metrics);
        var startedAt = options.Clock.GetUtcNow();
        using var stopReporting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reporting = options.OnInterval is null
            ? Task.CompletedTask
            : IntervalReporter.RunAsync(scenario.Name, metrics, () => execution.InFlight, options, stopReporting.Token);
        ExecutionWindow window;
        try
        {
            window = await execution.RunAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await stopReporting.CancelAsync().ConfigureAwait(false);
            await reporting.ConfigureAwait(false);
        }

        return ScenarioResultBuilder.Build(scenario.Name, simulations, options, metrics, window, startedAt);
    }

    private static List<LoadSimulation> Truncate(IReadOnlyList<LoadSimulation> simulations, TimeSpan limit)
    {
        var result = new List<LoadSimulation>();
        foreach (var simulation in simulations)
        {
            if (limit <= TimeSpan.Zero)
            {
                break;
            }

            result.Add(simulation.Truncate(limit));
            limit -= simulation.During;
        }

        return result;
    }
}

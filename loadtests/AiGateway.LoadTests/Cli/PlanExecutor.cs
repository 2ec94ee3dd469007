using System.Globalization;

namespace AiGateway.LoadTests;

/// <summary>Runs a <see cref="RunPlan"/>: each scenario against each of its targets in turn, then writes the report.</summary>
public static class PlanExecutor
{
    /// <summary>Runs the plan, writing progress to <paramref name="log"/>, and returns the report it wrote.</summary>
    public static async Task<LoadReport> ExecuteAsync(RunPlan plan, TextWriter log, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(log);
        plan.Validate();

        // Client connections plus headroom for the runtime's own files.
        await log.WriteLineAsync(FileDescriptorLimit.TryRaise(plan.Connections.MaxConnectionsPerServer + 1024)).ConfigureAwait(false);

        var clients = plan.Targets.ToDictionary(t => t.Name, _ => LoadHttpClientFactory.Create(plan.Connections), StringComparer.Ordinal);
        try
        {
            var results = new List<ScenarioResult>();
            foreach (var scenario in plan.Scenarios)
            {
                foreach (var target in plan.Targets.Where(t => scenario.Targets?.Contains(t.Name) ?? true))
                {
                    results.Add(await RunOneAsync(plan, scenario, target, clients[target.Name], log, cancellationToken).ConfigureAwait(false));
                }
            }

            var report = LoadReport.Create(results, plan.Baseline, DateTimeOffset.UtcNow);
            await ReportFiles.WriteAsync(report, plan.OutputFolder, cancellationToken).ConfigureAwait(false);
            return report;
        }
        finally
        {
            foreach (var client in clients.Values)
            {
                client.Dispose();
            }
        }
    }

    private static async Task<ScenarioResult> RunOneAsync(
        RunPlan plan, ScenarioPlan scenario, LoadTarget target, HttpMessageInvoker client, TextWriter log, CancellationToken cancellationToken)
    {
        await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"== {scenario.Name} -> {target}: {string.Join(", ", scenario.Load)}, warm-up {scenario.WarmUp.TotalSeconds:0.#}s")).ConfigureAwait(false);
        var options = new LoadRunOptions
        {
            WarmUp = scenario.WarmUp,
            MaxInFlight = plan.MaxInFlight,
            GracePeriod = plan.GracePeriod,
            ReportInterval = plan.ReportInterval,
            OnInterval = report => log.WriteLine(report.ToString()),
        };
        var run = OpenAiScenarios.Create(scenario.Name, client, target, scenario.Request);
        var result = await LoadRunner.RunAsync(run, scenario.Load, options, cancellationToken).ConfigureAwait(false);
        await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"   {result.Requests} requests, {result.Ok} ok, {result.Errors} errors, {result.Dropped} dropped, {result.Rps:0.0} rps, " +
            $"p50 {result.Latency.P50Ms:0.000} ms, p99 {result.Latency.P99Ms:0.000} ms")).ConfigureAwait(false);
        return result with { Target = target.Name };
    }
}

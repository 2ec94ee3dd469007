using System.Text.Json;

namespace AiGateway.LoadTests;

/// <summary>Reads a JSON plan file into a <see cref="RunPlan"/>.</summary>
public static class PlanFileReader
{
    /// <summary>Reads and validates <paramref name="path"/>; <c>@file</c> tokens resolve relative to it. <paramref name="outOverride"/> replaces its <c>out</c>.</summary>
    public static RunPlan Read(string path, string? outOverride = null)
    {
        if (!File.Exists(path))
        {
            throw new CliUsageException($"plan file '{path}' does not exist.");
        }

        PlanFile? file;
        try
        {
            file = JsonSerializer.Deserialize(File.ReadAllText(path), ReportJsonContext.Default.PlanFile);
        }
        catch (JsonException ex)
        {
            throw new CliUsageException($"plan file '{path}' is not valid JSON: {ex.Message}");
        }

        return ToPlan(file ?? throw new CliUsageException($"plan file '{path}' is empty."), Path.GetDirectoryName(Path.GetFullPath(path))!, outOverride);
    }

    private static RunPlan ToPlan(PlanFile file, string folder, string? outOverride)
    {
        var defaults = new RunPlan { Targets = [], Scenarios = [], OutputFolder = string.Empty };
        var plan = new RunPlan
        {
            Targets = file.Targets.Select((t, i) => PlanParts.Target(
                Required(t.Name, $"targets[{i}].name"),
                Required(t.Url, $"targets[{i}].url"),
                TokenReader.Read(Required(t.Token, $"targets[{i}].token"), folder))).ToList(),
            Scenarios = file.Scenarios.Select(ToScenario).ToList(),
            OutputFolder = outOverride ?? file.Out ?? string.Empty,
            Baseline = file.Baseline,
            Connections = new HttpConnectionOptions { MaxConnectionsPerServer = file.MaxConnections ?? defaults.Connections.MaxConnectionsPerServer },
            MaxInFlight = file.MaxInFlight ?? defaults.MaxInFlight,
            GracePeriod = file.GracePeriod is { } g ? DurationParser.Parse(g, "gracePeriod") : defaults.GracePeriod,
            ReportInterval = file.ReportInterval is { } r ? DurationParser.Parse(r, "reportInterval") : defaults.ReportInterval,
        };
        plan.Validate();
        return plan;
    }

    private static ScenarioPlan ToScenario(PlanFileScenario scenario, int index)
    {
        var kind = PlanParts.ParseKind(scenario.Kind);
        return new ScenarioPlan(
            scenario.Name ?? PlanParts.KindName(kind),
            PlanParts.Request(kind, scenario.Model, scenario.MaxTokens, scenario.PromptTokens),
            scenario.Load.Select(LoadSpecParser.Parse).ToList(),
            scenario.Warmup is { } w ? DurationParser.Parse(w, $"scenarios[{index}].warmup") : TimeSpan.Zero,
            scenario.Targets);
    }

    private static string Required(string? value, string what) =>
        string.IsNullOrWhiteSpace(value) ? throw new CliUsageException($"plan file: {what} is missing.") : value;
}

namespace AiGateway.LoadTests;

/// <summary>The JSON plan file (<c>aigw-load plan plan.json</c>), as written; see the README for an example.</summary>
internal sealed class PlanFile
{
    public string? Out { get; set; }

    public string? Baseline { get; set; }

    public int? MaxConnections { get; set; }

    public int? MaxInFlight { get; set; }

    public string? GracePeriod { get; set; }

    public string? ReportInterval { get; set; }

    public List<PlanFileTarget> Targets { get; set; } = [];

    public List<PlanFileScenario> Scenarios { get; set; } = [];
}

/// <summary>A target in a plan file; <c>token</c> takes a token, <c>@file</c> (relative to the plan) or <c>env:NAME</c>.</summary>
internal sealed class PlanFileTarget
{
    public string? Name { get; set; }

    public string? Url { get; set; }

    public string? Token { get; set; }
}

/// <summary>A scenario in a plan file.</summary>
internal sealed class PlanFileScenario
{
    public string? Name { get; set; }

    public string? Kind { get; set; }

    public string? Model { get; set; }

    public int? MaxTokens { get; set; }

    public int? PromptTokens { get; set; }

    public List<string> Load { get; set; } = [];

    public string? Warmup { get; set; }

    public List<string>? Targets { get; set; }
}

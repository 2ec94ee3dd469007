namespace AiGateway.KeyRotation.Cli;

/// <summary>
/// The parsed command line. <see cref="Service"/> is normalised (<c>rag-production</c>); <see cref="HelpRequested"/>
/// separates an explicit <c>--help</c> (exit 0) from a bare invocation (exit 1); <see cref="ConfigurationOverrides"/>
/// are the <c>--Section:Key=value</c> settings, applied over appsettings.json and the environment.
/// </summary>
internal sealed record CommandLine(
    ToolCommand Command,
    string? Service,
    bool DryRun,
    bool Json,
    int? GraceSeconds,
    bool HelpRequested,
    IReadOnlyList<string> ConfigurationOverrides);

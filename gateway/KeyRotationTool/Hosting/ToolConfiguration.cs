using Microsoft.Extensions.Configuration;

namespace AiGateway.KeyRotation.Hosting;

/// <summary>Where settings come from, later sources winning: appsettings.json beside the tool, environment, command line.</summary>
internal static class ToolConfiguration
{
    public const string SettingsFileName = "appsettings.json";

    /// <param name="overrides">Command-line settings in the <c>--Section:Key=value</c> form (the verbs and flags are parsed elsewhere).</param>
    public static IConfiguration Build(IReadOnlyList<string> overrides) =>
        new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, SettingsFileName), optional: true, reloadOnChange: false)
            .AddEnvironmentVariables()
            .AddCommandLine(overrides.ToArray())
            .Build();
}

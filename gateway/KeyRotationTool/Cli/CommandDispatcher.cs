using AiGateway.KeyRotation.Hosting;
using AiGateway.KeyRotation.Rotation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace AiGateway.KeyRotation.Cli;

/// <summary>Parses the command line, loads and validates settings, runs one command and returns the exit code.</summary>
internal static partial class CommandDispatcher
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, ToolEnvironment environment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(environment);
        if (!CommandLineParser.TryParse(args, out var line, out var usageError))
        {
            await environment.Error.WriteLineAsync($"error: {usageError}\nRun with --help for usage.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        if (line.Command == ToolCommand.Help)
        {
            await environment.Out.WriteLineAsync(UsageText.Text).ConfigureAwait(false);
            return line.HelpRequested ? ExitCodes.Ok : ExitCodes.Usage;
        }

        var needsProvider = line.Command != ToolCommand.Status;
        IConfiguration configuration;
        ToolSettings settings;
        try
        {
            configuration = environment.Configuration(line.ConfigurationOverrides);
            settings = ToolSettings.Bind(configuration);
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or IOException)
        {
            // A value of the wrong type or an unreadable appsettings.json; the message names the setting or file.
            await environment.Error.WriteLineAsync($"configuration error: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        if (line.GraceSeconds is { } grace)
        {
            settings.Rotation.GraceSeconds = grace;
        }
        var errors = ToolSettingsValidator.Validate(settings, needsProvider);
        if (errors.Count > 0)
        {
            foreach (var error in errors)
            {
                await environment.Error.WriteLineAsync($"configuration error: {error}").ConfigureAwait(false);
            }
            return ExitCodes.Usage;
        }

        using var loggerFactory = LoggerFactory.Create(logging => environment.ConfigureLogging(logging, configuration));
        var logger = loggerFactory.CreateLogger("AiGateway.KeyRotation");
        if (needsProvider && settings.Rotation.GraceSeconds < settings.Vault.RefreshSeconds)
        {
            Log.GraceShorterThanRefresh(logger, settings.Rotation.GraceSeconds, settings.Vault.RefreshSeconds);
        }
        IToolOutput output = line.Json ? new JsonOutput(environment.Out) : new HumanOutput(environment.Out);
        var request = new RotationRequest(line.DryRun, TimeSpan.FromSeconds(settings.Rotation.GraceSeconds));
        using var services = RotationToolServices.Create(settings, needsProvider, environment.Time, loggerFactory);
        switch (line.Command)
        {
            case ToolCommand.Rotate:
                var result = await services.Rotator!.RotateAsync(line.Service!, request, output, cancellationToken).ConfigureAwait(false);
                output.Rotation(result);
                return ExitCodes.For(result.Outcome);
            case ToolCommand.RotateDue:
                var report = await services.Due!.RunAsync(request, output, cancellationToken).ConfigureAwait(false);
                output.Due(report);
                return ExitCodes.For(report);
            default:
                var status = await services.Inventory.ReadAllAsync(cancellationToken).ConfigureAwait(false);
                output.Status(status);
                return ExitCodes.For(status);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = RotationEventIds.GraceShorterThanRefresh, Level = LogLevel.Warning, EventName = "RotationGraceShorterThanRefresh",
            Message = "Grace period {GraceSeconds} s is shorter than the gateway's Vault:RefreshSeconds ({RefreshSeconds} s): replicas still on the old key get a 401 and re-read Vault.")]
        public static partial void GraceShorterThanRefresh(ILogger logger, int graceSeconds, int refreshSeconds);
    }
}

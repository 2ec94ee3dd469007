using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using AiGateway.KeyRotation.Rotation;

namespace AiGateway.KeyRotation.Cli;

/// <summary>
/// Parses verbs and flags by hand. Only <c>--Section:Key=value</c> arguments go on to the configuration
/// command-line provider: given everything, it would read <c>--dry-run rag-production</c> as a setting named
/// "dry-run" and swallow the service name.
/// </summary>
internal static class CommandLineParser
{
    private const string GraceOption = "--grace-seconds";

    public static bool TryParse(IReadOnlyList<string> args, [NotNullWhen(true)] out CommandLine? line, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(args);
        line = null;
        var positionals = new List<string>();
        var overrides = new List<string>();
        bool due = false, dryRun = false, json = false, help = false;
        int? grace = null;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            switch (arg)
            {
                case "--help" or "-h" or "-?":
                    help = true;
                    continue;
                case "--due":
                    due = true;
                    continue;
                case "--dry-run":
                    dryRun = true;
                    continue;
                case "--json":
                    json = true;
                    continue;
            }
            if (arg == GraceOption || arg.StartsWith(GraceOption + "=", StringComparison.Ordinal))
            {
                var value = arg.Length > GraceOption.Length ? arg[(GraceOption.Length + 1)..] : i + 1 < args.Count ? args[++i] : null;
                if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
                {
                    error = $"{GraceOption} needs a whole number of seconds, e.g. {GraceOption} 180";
                    return false;
                }
                grace = seconds;
                continue;
            }
            if (arg.StartsWith("--", StringComparison.Ordinal) && arg.Contains(':', StringComparison.Ordinal))
            {
                if (!arg.Contains('=', StringComparison.Ordinal))
                {
                    error = $"setting '{arg}' needs a value: write it as {arg}=VALUE";
                    return false;
                }
                overrides.Add(arg);
                continue;
            }
            if (arg.StartsWith('-'))
            {
                error = $"unknown option '{arg}'";
                return false;
            }
            positionals.Add(arg);
        }

        if (help || positionals.Count == 0 || positionals[0] == "help")
        {
            line = new CommandLine(ToolCommand.Help, null, false, json, null, help || positionals.Count > 0, overrides);
            error = null;
            return true;
        }
        return positionals[0] switch
        {
            "rotate" => TryRotate(positionals, due, dryRun, json, grace, overrides, out line, out error),
            "status" => TryStatus(positionals, due, dryRun, grace, json, overrides, out line, out error),
            _ => Fail($"unknown command '{positionals[0]}': use rotate or status", out line, out error),
        };
    }

    private static bool TryRotate(List<string> positionals, bool due, bool dryRun, bool json, int? grace, List<string> overrides,
        [NotNullWhen(true)] out CommandLine? line, [NotNullWhen(false)] out string? error)
    {
        if (due)
        {
            if (positionals.Count > 1)
            {
                return Fail("give either a service or --due, not both", out line, out error);
            }
            line = new CommandLine(ToolCommand.RotateDue, null, dryRun, json, grace, false, overrides);
            error = null;
            return true;
        }
        if (positionals.Count != 2)
        {
            return Fail(positionals.Count < 2 ? "rotate needs a service (rotate rag-production) or --due" : "rotate takes one service at a time", out line, out error);
        }
        if (!SecretPaths.TryNormalizeService(positionals[1], out var service, out var invalid))
        {
            return Fail(invalid, out line, out error);
        }
        line = new CommandLine(ToolCommand.Rotate, service, dryRun, json, grace, false, overrides);
        error = null;
        return true;
    }

    private static bool TryStatus(List<string> positionals, bool due, bool dryRun, int? grace, bool json, List<string> overrides,
        [NotNullWhen(true)] out CommandLine? line, [NotNullWhen(false)] out string? error)
    {
        if (positionals.Count > 1 || due || dryRun || grace is not null)
        {
            return Fail("status takes no service and no --due, --dry-run or --grace-seconds (only --json)", out line, out error);
        }
        line = new CommandLine(ToolCommand.Status, null, false, json, null, false, overrides);
        error = null;
        return true;
    }

    private static bool Fail(string message, out CommandLine? line, out string? error)
    {
        line = null;
        error = message;
        return false;
    }
}

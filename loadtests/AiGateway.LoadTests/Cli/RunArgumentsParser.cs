using System.Globalization;

namespace AiGateway.LoadTests;

/// <summary>Parses the options of <c>aigw-load run</c> into a <see cref="RunPlan"/> (see <see cref="CliUsage"/>).</summary>
public static class RunArgumentsParser
{
    private static readonly HashSet<string> Known =
    [
        "--target", "--token", "--scenario", "--name", "--load", "--warmup", "--out", "--max-in-flight", "--max-connections",
        "--baseline", "--model", "--max-tokens", "--prompt-tokens", "--grace", "--report-interval",
    ];

    /// <summary>Parses the arguments after <c>run</c>; throws <see cref="CliUsageException"/> on any mistake.</summary>
    public static RunPlan Parse(IReadOnlyList<string> args)
    {
        var options = Collect(args);
        var kind = PlanParts.ParseKind(Single(options, "--scenario") ?? "chat");
        var request = PlanParts.Request(kind, Single(options, "--model"), Int(options, "--max-tokens"), Int(options, "--prompt-tokens"));
        var load = All(options, "--load").Select(LoadSpecParser.Parse).ToList();
        var warmUp = Single(options, "--warmup") is { } w ? DurationParser.Parse(w, "--warmup") : TimeSpan.Zero;
        var scenario = new ScenarioPlan(Single(options, "--name") ?? PlanParts.KindName(kind), request, load, warmUp);

        var plan = new RunPlan
        {
            Targets = Targets(All(options, "--target"), All(options, "--token")),
            Scenarios = [scenario],
            OutputFolder = Single(options, "--out") ?? string.Empty,
            Baseline = Single(options, "--baseline"),
            Connections = new HttpConnectionOptions { MaxConnectionsPerServer = Int(options, "--max-connections") ?? 10_000 },
            MaxInFlight = Int(options, "--max-in-flight") ?? 10_000,
            GracePeriod = Single(options, "--grace") is { } g ? DurationParser.Parse(g, "--grace") : TimeSpan.FromSeconds(10),
            ReportInterval = Single(options, "--report-interval") is { } r ? DurationParser.Parse(r, "--report-interval") : TimeSpan.FromSeconds(5),
        };
        plan.Validate();
        return plan;
    }

    private static Dictionary<string, List<string>> Collect(IReadOnlyList<string> args)
    {
        var options = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            // Both "--name value" and "--name=value".
            var (name, value) = args[i].Split('=', 2) is [var n, var v] && n.StartsWith("--", StringComparison.Ordinal) ? (n, v) : (args[i], null);
            if (!Known.Contains(name))
            {
                throw new CliUsageException($"unknown option '{args[i]}'. Run 'aigw-load --help' for the options.");
            }

            if (value is null)
            {
                if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    throw new CliUsageException($"option '{name}' needs a value.");
                }

                value = args[++i];
            }

            if (!options.TryGetValue(name, out var values))
            {
                options[name] = values = [];
            }

            values.Add(value);
        }

        return options;
    }

    private static List<LoadTarget> Targets(List<string> targets, List<string> tokens)
    {
        var specs = targets.Select(t => t.Split('=', 2) is [var name, var url] && !name.Contains("://", StringComparison.Ordinal)
            ? (Name: name, Url: url)
            : (Name: "target", Url: t)).ToList();
        var names = specs.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);

        // "--token name=value" applies to that target only; a plain "--token value" to all others.
        string? shared = null;
        var perTarget = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var token in tokens)
        {
            if (token.Split('=', 2) is [var name, var value] && names.Contains(name))
            {
                perTarget[name] = value;
            }
            else
            {
                shared = shared is null ? token : throw new CliUsageException("--token without a target name was given twice; use --token name=<token> per target.");
            }
        }

        return specs.Select(s =>
        {
            var token = perTarget.GetValueOrDefault(s.Name) ?? shared
                ?? throw new CliUsageException($"no token for target '{s.Name}'; pass --token <token|@file|env:NAME>.");
            return PlanParts.Target(s.Name, s.Url, TokenReader.Read(token, Environment.CurrentDirectory));
        }).ToList();
    }

    private static List<string> All(Dictionary<string, List<string>> options, string name) => options.GetValueOrDefault(name) ?? [];

    private static string? Single(Dictionary<string, List<string>> options, string name) => options.GetValueOrDefault(name) switch
    {
        null => null,
        [var one] => one,
        _ => throw new CliUsageException($"option '{name}' was given more than once."),
    };

    private static int? Int(Dictionary<string, List<string>> options, string name)
    {
        if (Single(options, name) is not { } text)
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new CliUsageException($"option '{name}': '{text}' is not a positive whole number.");
    }
}

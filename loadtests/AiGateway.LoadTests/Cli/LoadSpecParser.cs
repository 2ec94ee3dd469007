using System.Globalization;

namespace AiGateway.LoadTests;

/// <summary>
/// Parses load phases: <c>inject:1000/s:30s</c>, <c>ramp-inject:0->1000/s:10s</c>, <c>constant:64:30s</c>,
/// <c>ramp-constant:0->10000:60s</c>.
/// </summary>
public static class LoadSpecParser
{
    /// <summary>Parses one phase.</summary>
    public static LoadSimulation Parse(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var parts = spec.Trim().Split(':');
        if (parts.Length != 3)
        {
            throw Invalid(spec, "expected three parts separated by ':'");
        }

        var during = DurationParser.Parse(parts[2], $"--load '{spec}'");
        if (during <= TimeSpan.Zero)
        {
            throw Invalid(spec, "the duration must be positive");
        }

        try
        {
            return parts[0].ToLowerInvariant() switch
            {
                "inject" => LoadSimulation.Inject(Rate(parts[1], spec), during),
                "ramp-inject" => RampingInject(parts[1], during, spec),
                "constant" => LoadSimulation.KeepConstant(Copies(parts[1], spec), during),
                "ramp-constant" => RampingConstant(parts[1], during, spec),
                _ => throw Invalid(spec, $"unknown kind '{parts[0]}' (use inject, ramp-inject, constant or ramp-constant)"),
            };
        }
        catch (ArgumentOutOfRangeException ex)
        {
            throw Invalid(spec, ex.Message);
        }
    }

    private static LoadSimulation RampingInject(string range, TimeSpan during, string spec)
    {
        var (from, to) = Range(range, spec);
        return LoadSimulation.RampingInject(Rate(from, spec), Rate(to, spec), during);
    }

    private static LoadSimulation RampingConstant(string range, TimeSpan during, string spec)
    {
        var (from, to) = Range(range, spec);
        return LoadSimulation.RampingConstant(Copies(from, spec), Copies(to, spec), during);
    }

    private static (string From, string To) Range(string text, string spec)
    {
        var arrow = text.IndexOf("->", StringComparison.Ordinal);
        if (arrow < 0)
        {
            throw Invalid(spec, $"'{text}' is not a range; write from->to, e.g. 0->1000/s");
        }

        // "0->1000/s": the unit written once, after the second number, applies to both.
        var to = text[(arrow + 2)..];
        var from = text[..arrow];
        return (to.EndsWith("/s", StringComparison.Ordinal) && !from.EndsWith("/s", StringComparison.Ordinal) ? from + "/s" : from, to);
    }

    private static double Rate(string text, string spec)
    {
        if (!text.EndsWith("/s", StringComparison.Ordinal)
            || !double.TryParse(text[..^2], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var rate))
        {
            throw Invalid(spec, $"'{text}' is not a rate; write requests per second, e.g. 1000/s");
        }

        return rate;
    }

    private static int Copies(string text, string spec)
    {
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var copies))
        {
            throw Invalid(spec, $"'{text}' is not a copy count; write a whole number, e.g. 64");
        }

        return copies;
    }

    private static CliUsageException Invalid(string spec, string reason) => new($"--load '{spec}': {reason}.");
}

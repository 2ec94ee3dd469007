using System.Globalization;

namespace AiGateway.LoadTests;

/// <summary>Parses durations written as a number and a unit: <c>500ms</c>, <c>30s</c>, <c>1.5m</c>, <c>1h</c>.</summary>
public static class DurationParser
{
    /// <summary>Parses <paramref name="text"/>; <paramref name="what"/> names the value in the error message.</summary>
    public static TimeSpan Parse(string text, string what)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        var (unit, factor) = trimmed switch
        {
            _ when trimmed.EndsWith("ms", StringComparison.OrdinalIgnoreCase) => ("ms", 0.001),
            _ when trimmed.EndsWith('s') || trimmed.EndsWith('S') => ("s", 1.0),
            _ when trimmed.EndsWith('m') || trimmed.EndsWith('M') => ("m", 60.0),
            _ when trimmed.EndsWith('h') || trimmed.EndsWith('H') => ("h", 3600.0),
            _ => (string.Empty, 0.0),
        };

        if (factor == 0
            || !double.TryParse(trimmed[..^unit.Length], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
            || number > TimeSpan.FromDays(1).TotalSeconds)
        {
            throw new CliUsageException($"{what}: '{text}' is not a duration; write a number and a unit (ms, s, m or h), e.g. 30s.");
        }

        return TimeSpan.FromSeconds(number * factor);
    }
}

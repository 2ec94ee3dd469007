namespace AiGateway.Telemetry;

/// <summary>Caller-supplied text bound for logs: cut short and stripped of control characters, so it cannot forge lines.</summary>
public static class LogText
{
    public const int MaxLength = 128;

    /// <summary>Returns <paramref name="value"/> itself when it is already safe (the usual case: no allocation).</summary>
    public static string? Clean(string? value)
    {
        if (value is null)
        {
            return null;
        }
        var span = value.AsSpan();
        if (span.Length <= MaxLength && !ContainsControl(span))
        {
            return value;
        }
        var kept = span[..Math.Min(span.Length, MaxLength)];
        var clean = string.Create(kept.Length, value, static (destination, source) =>
        {
            for (var i = 0; i < destination.Length; i++)
            {
                destination[i] = char.IsControl(source[i]) ? '?' : source[i];
            }
        });
        return value.Length > MaxLength ? clean + "..." : clean;
    }

    private static bool ContainsControl(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (char.IsControl(c))
            {
                return true;
            }
        }
        return false;
    }
}

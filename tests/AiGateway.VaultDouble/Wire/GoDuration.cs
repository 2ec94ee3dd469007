using System.Globalization;
using System.Text;

namespace AiGateway.VaultDouble;

/// <summary>
/// Durations as Vault reads and writes them: Go's <c>time.ParseDuration</c> syntax (<c>1h30m</c>), plus what
/// Vault's <c>parseutil.ParseDurationSecond</c> adds (a bare number means seconds, a <c>d</c> suffix means days),
/// and Go's <c>Duration.String()</c> for output (<c>1h0m0s</c>).
/// </summary>
internal static class GoDuration
{
    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        var s = text?.Trim();
        if (string.IsNullOrEmpty(s))
        {
            return true;
        }

        if (long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds))
        {
            value = TimeSpan.FromSeconds(seconds);
            return true;
        }

        if (s.EndsWith('d') && long.TryParse(s.AsSpan(0, s.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var days))
        {
            value = TimeSpan.FromDays(days);
            return true;
        }

        return TryParseGo(s, out value);
    }

    /// <summary>Go's <c>Duration.String()</c>: <c>0s</c>, <c>1.5s</c>, <c>1m30s</c>, <c>1h0m0s</c>, <c>250ms</c>.</summary>
    public static string Format(TimeSpan duration)
    {
        if (duration == TimeSpan.Zero)
        {
            return "0s";
        }

        var builder = new StringBuilder();
        if (duration < TimeSpan.Zero)
        {
            builder.Append('-');
            duration = duration.Duration();
        }

        if (duration < TimeSpan.FromSeconds(1))
        {
            // Sub-second values use the largest unit that keeps an integer part, as Go does.
            var nanoseconds = duration.Ticks * 100;
            return nanoseconds switch
            {
                < 1_000 => builder.Append(nanoseconds).Append("ns").ToString(),
                < 1_000_000 => builder.Append(Fraction(nanoseconds, 1_000)).Append("µs").ToString(),
                _ => builder.Append(Fraction(nanoseconds, 1_000_000)).Append("ms").ToString(),
            };
        }

        var hours = (long)duration.TotalHours;
        if (hours > 0)
        {
            builder.Append(hours).Append('h');
        }

        if (hours > 0 || duration.Minutes > 0)
        {
            builder.Append(duration.Minutes).Append('m');
        }

        var secondTicks = duration.Ticks % TimeSpan.TicksPerMinute;
        return builder.Append(Fraction(secondTicks * 100, 1_000_000_000)).Append('s').ToString();
    }

    private static string Fraction(long value, long unit)
    {
        var whole = value / unit;
        var rest = value % unit;
        if (rest == 0)
        {
            return whole.ToString(CultureInfo.InvariantCulture);
        }

        var digits = unit.ToString(CultureInfo.InvariantCulture).Length - 1;
        var fraction = rest.ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0').TrimEnd('0');
        return whole.ToString(CultureInfo.InvariantCulture) + "." + fraction;
    }

    private static bool TryParseGo(string s, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        var negative = s[0] == '-';
        var i = s[0] is '-' or '+' ? 1 : 0;
        if (i == s.Length)
        {
            return false;
        }

        decimal totalNanoseconds = 0;
        while (i < s.Length)
        {
            var numberStart = i;
            while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == '.'))
            {
                i++;
            }

            if (i == numberStart || !decimal.TryParse(s.AsSpan(numberStart, i - numberStart), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            {
                return false;
            }

            var unitStart = i;
            while (i < s.Length && !char.IsAsciiDigit(s[i]) && s[i] != '.')
            {
                i++;
            }

            decimal? nanosecondsPerUnit = s[unitStart..i] switch
            {
                "ns" => 1m,
                "us" or "µs" or "μs" => 1_000m,
                "ms" => 1_000_000m,
                "s" => 1_000_000_000m,
                "m" => 60m * 1_000_000_000m,
                "h" => 3_600m * 1_000_000_000m,
                _ => null,
            };
            if (nanosecondsPerUnit is null)
            {
                return false;
            }

            totalNanoseconds += number * nanosecondsPerUnit.Value;
        }

        var ticks = (long)(totalNanoseconds / 100m);
        value = TimeSpan.FromTicks(negative ? -ticks : ticks);
        return true;
    }
}

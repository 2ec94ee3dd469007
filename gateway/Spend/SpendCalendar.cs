using System.Globalization;

namespace AiGateway.Spend;

/// <summary>
/// The UTC month a moment belongs to ("yyyy-MM"), cached so the request path builds the string once a
/// month rather than once a request.
/// </summary>
internal static class SpendCalendar
{
    private static volatile MonthSpan? _current;

    public static string MonthOf(long timeMs)
    {
        var span = _current;
        if (span is not null && timeMs >= span.StartMs && timeMs < span.EndMs)
        {
            return span.Name;
        }
        var at = DateTimeOffset.FromUnixTimeMilliseconds(timeMs);
        var start = new DateTimeOffset(at.Year, at.Month, 1, 0, 0, 0, TimeSpan.Zero);
        span = new MonthSpan(start.ToUnixTimeMilliseconds(), start.AddMonths(1).ToUnixTimeMilliseconds(), start.ToString("yyyy-MM", CultureInfo.InvariantCulture));
        _current = span;
        return span.Name;
    }

    private sealed record MonthSpan(long StartMs, long EndMs, string Name);
}

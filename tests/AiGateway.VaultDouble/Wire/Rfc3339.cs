using System.Globalization;

namespace AiGateway.VaultDouble;

/// <summary>Timestamps in the form Go's <c>time.RFC3339Nano</c> produces: UTC, <c>Z</c>, trailing fraction zeros trimmed.</summary>
internal static class Rfc3339
{
    // "F" digits drop trailing zeros and, when all are zero, the dot too: exactly what RFC3339Nano does.
    // .NET has 100 ns ticks, so at most 7 fraction digits where Go could print 9.
    private const string Format = "yyyy'-'MM'-'dd'T'HH':'mm':'ss.FFFFFFF'Z'";

    public static string ToText(DateTimeOffset time) => time.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);
}

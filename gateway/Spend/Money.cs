using System.Globalization;

namespace AiGateway.Spend;

/// <summary>
/// Money is integer micro-dollars everywhere (no floating point): prices, reservations, ledger, budgets.
/// USD amounts written by people (policy files) are converted exactly or refused.
/// </summary>
public static class Money
{
    public const long MicrosPerDollar = 1_000_000;

    /// <summary>Largest amount a policy may name: one billion dollars, far below overflow in any sum here.</summary>
    public const long MaxMicros = 1_000_000_000 * MicrosPerDollar;

    /// <summary>Converts dollars to micro-dollars; false when negative, too large, or finer than a micro-dollar.</summary>
    public static bool TryFromUsd(decimal usd, out long micros)
    {
        micros = 0;
        if (usd < 0 || usd > MaxMicros / MicrosPerDollar)
        {
            return false;
        }
        var scaled = usd * MicrosPerDollar;
        if (scaled != decimal.Truncate(scaled))
        {
            return false;
        }
        micros = (long)scaled;
        return true;
    }

    /// <summary>Dollars with six decimals ("0.008910"), for APIs and CSV: exact, culture-invariant.</summary>
    public static string FormatUsd(long micros)
    {
        var sign = micros < 0 ? "-" : "";
        // Unsigned magnitude: Math.Abs(long.MinValue) would throw.
        var abs = micros < 0 ? (ulong)-(micros + 1) + 1 : (ulong)micros;
        return string.Create(CultureInfo.InvariantCulture, $"{sign}{abs / (ulong)MicrosPerDollar}.{abs % (ulong)MicrosPerDollar:D6}");
    }

    /// <summary>
    /// Cost of one request: input and output tokens at per-million prices, rounded up to the next whole
    /// micro-dollar so that no request is ever free by rounding. Every total sums these per-request costs,
    /// so the ledger, aggregates, API and metrics agree to the micro-dollar.
    /// </summary>
    public static long Cost(long inputTokens, long outputTokens, ModelPrice price)
    {
        var numerator = (Int128)Math.Max(inputTokens, 0) * price.InputMicrosPerMillion + (Int128)Math.Max(outputTokens, 0) * price.OutputMicrosPerMillion;
        var cost = (numerator + 999_999) / 1_000_000;
        return cost > long.MaxValue ? long.MaxValue : (long)cost;
    }
}

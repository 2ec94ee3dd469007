using System.Globalization;
using AiGateway.Policies;

namespace AiGateway.Spend;

/// <summary>Checks and compiles the <c>budget</c> and <c>breaker</c> sections of a team policy.</summary>
internal static class SpendPolicyCompiler
{
    public const int MinWindowSeconds = 10;
    public const int MaxWindowSeconds = 24 * 3600;

    public static SpendPolicy Compile(BudgetDocument? budget, BreakerDocument? breaker, Action<string, string> error)
    {
        var teamCap = Usd("budget.monthlyUsd", budget?.MonthlyUsd, error);
        var tokenCap = Usd("budget.tokenMonthlyUsd", budget?.TokenMonthlyUsd, error);
        var alert = budget?.AlertPercent ?? SpendPolicy.DefaultAlertPercent;
        if (alert is < 1 or > 100)
        {
            error("budget.alertPercent", $"is {alert}; use 1 to 100 (percent of the monthly cap at which the alert fires).");
        }
        return new SpendPolicy(teamCap, tokenCap, alert,
            Velocity("breaker.team", breaker?.Team, error), Velocity("breaker.token", breaker?.Token, error));
    }

    private static VelocityLimit Velocity(string field, VelocityDocument? document, Action<string, string> error)
    {
        if (document is null)
        {
            return VelocityLimit.None;
        }
        var max = Usd(field + ".maxUsd", document.MaxUsd, error);
        if (max <= 0)
        {
            error(field + ".maxUsd", "is required and must be above 0 (USD per window, e.g. 5).");
            return VelocityLimit.None;
        }
        if (!TryParseWindow(document.Window, out var seconds))
        {
            error(field + ".window", $"is \"{document.Window}\"; use a duration from 10s to 24h such as \"30s\", \"5m\" or \"1h\".");
            return VelocityLimit.None;
        }
        return new VelocityLimit(max, seconds);
    }

    private static long Usd(string field, decimal? usd, Action<string, string> error)
    {
        if (usd is null)
        {
            return 0;
        }
        if (!Money.TryFromUsd(usd.Value, out var micros))
        {
            error(field, $"is {usd}; use a non-negative USD amount with at most 6 decimals (0 = no cap).");
        }
        return micros;
    }

    /// <summary>"90s", "5m", "1h": a whole number and one unit.</summary>
    public static bool TryParseWindow(string? text, out int seconds)
    {
        seconds = 0;
        if (string.IsNullOrWhiteSpace(text) || text.Length < 2)
        {
            return false;
        }
        var unit = text[^1] switch { 's' => 1, 'm' => 60, 'h' => 3600, _ => 0 };
        if (unit == 0 || !int.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            return false;
        }
        var total = (long)count * unit;
        if (total is < MinWindowSeconds or > MaxWindowSeconds)
        {
            return false;
        }
        seconds = (int)total;
        return true;
    }
}

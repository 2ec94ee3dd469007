using System.Globalization;

namespace AiGateway.Spend;

/// <summary>Dimensions finance can group spend by.</summary>
[Flags]
public enum SpendDimension
{
    None = 0,
    Team = 1,
    App = 2,
    Model = 4,
    Day = 8,
    Token = 16,
}

/// <summary>One row of a spend report: the values of its group's dimensions and the sums.</summary>
public sealed record SpendRow(string? Team, string? App, string? Model, string? Day, string? Token, long Requests, long InputTokens, long OutputTokens, long CostMicros);

/// <summary>
/// Groups the daily aggregates into the rows finance asked for. Every figure is a sum of per-request
/// integer costs, so a report matches the ledger to the micro-dollar whatever the grouping.
/// </summary>
public static class SpendReport
{
    public static readonly string[] DimensionNames = ["team", "app", "model", "day", "token"];

    public static bool TryParseDimensions(string? text, out SpendDimension dimensions, out List<string> order)
    {
        dimensions = SpendDimension.None;
        order = [];
        foreach (var part in (string.IsNullOrWhiteSpace(text) ? "team" : text).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var dimension = part switch
            {
                "team" => SpendDimension.Team,
                "app" => SpendDimension.App,
                "model" => SpendDimension.Model,
                "day" => SpendDimension.Day,
                "token" => SpendDimension.Token,
                _ => SpendDimension.None,
            };
            if (dimension == SpendDimension.None)
            {
                return false;
            }
            if ((dimensions & dimension) == 0)
            {
                order.Add(part);
            }
            dimensions |= dimension;
        }
        return dimensions != SpendDimension.None;
    }

    /// <summary>Rows by cost (highest first), or by day when grouped by day; token rows also name team and app.</summary>
    public static List<SpendRow> Group(IEnumerable<SpendAggregate> aggregates, SpendDimension by)
    {
        ArgumentNullException.ThrowIfNull(aggregates);
        var byToken = (by & SpendDimension.Token) != 0;
        var groups = new Dictionary<(string?, string?, string?, string?, string?), long[]>();
        foreach (var a in aggregates)
        {
            var key = (
                (by & SpendDimension.Team) != 0 || byToken ? a.Team : null,
                (by & SpendDimension.App) != 0 || byToken ? a.App : null,
                (by & SpendDimension.Model) != 0 ? a.Model : null,
                (by & SpendDimension.Day) != 0 ? a.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
                byToken ? a.TokenId : null);
            if (!groups.TryGetValue(key, out var sums))
            {
                groups[key] = sums = new long[4];
            }
            sums[0] += a.Requests;
            sums[1] += a.InputTokens;
            sums[2] += a.OutputTokens;
            sums[3] += a.CostMicros;
        }
        var rows = groups.Select(g => new SpendRow(g.Key.Item1, g.Key.Item2, g.Key.Item3, g.Key.Item4, g.Key.Item5, g.Value[0], g.Value[1], g.Value[2], g.Value[3]));
        return (by & SpendDimension.Day) != 0
            ? [.. rows.OrderBy(r => r.Day, StringComparer.Ordinal).ThenByDescending(r => r.CostMicros).ThenBy(r => r.Team, StringComparer.Ordinal)
                .ThenBy(r => r.App, StringComparer.Ordinal).ThenBy(r => r.Model, StringComparer.Ordinal).ThenBy(r => r.Token, StringComparer.Ordinal)]
            : [.. rows.OrderByDescending(r => r.CostMicros).ThenBy(r => r.Team, StringComparer.Ordinal).ThenBy(r => r.App, StringComparer.Ordinal)
                .ThenBy(r => r.Model, StringComparer.Ordinal).ThenBy(r => r.Token, StringComparer.Ordinal)];
    }
}

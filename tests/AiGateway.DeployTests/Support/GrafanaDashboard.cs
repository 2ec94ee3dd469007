using System.Text.Json;

namespace AiGateway.DeployTests.Support;

/// <summary>Reads deploy/grafana/aigateway-dashboard.json.</summary>
internal static class GrafanaDashboard
{
    public const string DatasourceVariable = "DS_PROMETHEUS";

    public static JsonDocument Load() => JsonDocument.Parse(File.ReadAllText(RepoPaths.Dashboard));

    /// <summary>Every panel, rows included, and the panels nested in collapsed rows.</summary>
    public static IEnumerable<JsonElement> AllPanels(JsonElement dashboard)
    {
        foreach (var panel in dashboard.GetProperty("panels").EnumerateArray())
        {
            yield return panel;
            if (panel.TryGetProperty("panels", out var nested))
            {
                foreach (var inner in nested.EnumerateArray())
                {
                    yield return inner;
                }
            }
        }
    }

    public static bool IsRow(JsonElement panel) => panel.GetProperty("type").GetString() == "row";

    public static IEnumerable<DashboardTarget> Targets(JsonElement dashboard) =>
        AllPanels(dashboard).Where(p => !IsRow(p)).SelectMany(p => p.TryGetProperty("targets", out var targets)
            ? targets.EnumerateArray().Select(t => new DashboardTarget(
                p.GetProperty("id").GetInt32(),
                p.GetProperty("title").GetString() ?? string.Empty,
                t.TryGetProperty("refId", out var refId) ? refId.GetString() ?? "?" : "?",
                t.TryGetProperty("expr", out var expr) ? expr.GetString() ?? string.Empty : string.Empty,
                t.TryGetProperty("legendFormat", out var legend) ? legend.GetString() ?? string.Empty : string.Empty))
            : []);

    public static JsonElement Variable(JsonElement dashboard, string name) =>
        dashboard.GetProperty("templating").GetProperty("list").EnumerateArray()
            .Single(v => v.GetProperty("name").GetString() == name);

    /// <summary>The PromQL of a query variable (Grafana stores a string or, since 10, an object with <c>query</c>).</summary>
    public static string VariableQuery(JsonElement variable)
    {
        var query = variable.GetProperty("query");
        return query.ValueKind == JsonValueKind.String ? query.GetString()! : query.GetProperty("query").GetString()!;
    }

    /// <summary>The datasource reference of a panel or target: its uid, or the string form Grafana also accepts.</summary>
    public static string? DatasourceUid(JsonElement element) =>
        !element.TryGetProperty("datasource", out var ds) ? null
        : ds.ValueKind == JsonValueKind.String ? ds.GetString()
        : ds.ValueKind == JsonValueKind.Object && ds.TryGetProperty("uid", out var uid) ? uid.GetString()
        : null;
}

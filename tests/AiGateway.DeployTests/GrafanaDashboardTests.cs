using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using AiGateway.DeployTests.Support;

namespace AiGateway.DeployTests;

/// <summary>deploy/grafana/aigateway-dashboard.json.</summary>
public sealed class GrafanaDashboardTests
{
    private const string DatasourceRef = "${" + GrafanaDashboard.DatasourceVariable + "}";

    [Fact]
    public void Dashboard_Json_IsAnImportableDashboard()
    {
        using var doc = GrafanaDashboard.Load();
        var root = doc.RootElement;

        Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("uid").GetString()));
        Assert.InRange(root.GetProperty("schemaVersion").GetInt32(), 36, 41);
        Assert.Contains(GrafanaDashboard.AllPanels(root), p => !GrafanaDashboard.IsRow(p));
    }

    [Fact]
    public void Dashboard_Panels_HaveUniqueIds()
    {
        using var doc = GrafanaDashboard.Load();

        var duplicates = GrafanaDashboard.AllPanels(doc.RootElement)
            .GroupBy(p => p.GetProperty("id").GetInt32())
            .Where(g => g.Count() > 1)
            .Select(g => g.Key)
            .ToList();
        Assert.True(duplicates.Count == 0, $"duplicate panel ids: {string.Join(", ", duplicates)}");
    }

    [Fact]
    public void Dashboard_Panels_EachHaveATargetWithAnExpr()
    {
        using var doc = GrafanaDashboard.Load();

        var empty = GrafanaDashboard.AllPanels(doc.RootElement)
            .Where(p => !GrafanaDashboard.IsRow(p))
            .Where(p => !p.TryGetProperty("targets", out var targets)
                        || !targets.EnumerateArray().Any(t => t.TryGetProperty("expr", out var e) && !string.IsNullOrWhiteSpace(e.GetString())))
            .Select(p => p.GetProperty("title").GetString())
            .ToList();
        Assert.True(empty.Count == 0, $"panels without a query: {string.Join(", ", empty)}");
    }

    [Fact]
    public void Dashboard_PanelsAndTargets_UseTheDatasourceVariable()
    {
        using var doc = GrafanaDashboard.Load();
        var root = doc.RootElement;

        var variable = GrafanaDashboard.Variable(root, GrafanaDashboard.DatasourceVariable);
        Assert.Equal("datasource", variable.GetProperty("type").GetString());
        Assert.Equal("prometheus", variable.GetProperty("query").GetString());
        var wrong = new List<string>();
        foreach (var panel in GrafanaDashboard.AllPanels(root).Where(p => !GrafanaDashboard.IsRow(p)))
        {
            var title = panel.GetProperty("title").GetString();
            if (GrafanaDashboard.DatasourceUid(panel) != DatasourceRef)
            {
                wrong.Add($"panel '{title}': datasource {GrafanaDashboard.DatasourceUid(panel) ?? "missing"}");
            }

            wrong.AddRange(panel.GetProperty("targets").EnumerateArray()
                .Where(t => GrafanaDashboard.DatasourceUid(t) is { } uid && uid != DatasourceRef)
                .Select(t => $"panel '{title}' target {t.GetProperty("refId").GetString()}: datasource {GrafanaDashboard.DatasourceUid(t)}"));
        }

        Assert.True(wrong.Count == 0, $"every panel must query {DatasourceRef}:\n{string.Join('\n', wrong)}");
    }

    [Fact]
    public void Dashboard_TeamVariable_ListsTheTeamsOfRequests()
    {
        using var doc = GrafanaDashboard.Load();

        var team = GrafanaDashboard.Variable(doc.RootElement, "team");
        Assert.Equal("query", team.GetProperty("type").GetString());
        Assert.Equal(DatasourceRef, GrafanaDashboard.DatasourceUid(team));
        Assert.Equal("label_values(aigw_requests_total, team)", GrafanaDashboard.VariableQuery(team));
        Assert.True(team.GetProperty("multi").GetBoolean() && team.GetProperty("includeAll").GetBoolean(), "team should allow several teams and All");
    }

    [Fact]
    public void Dashboard_Targets_FilterTeamSeriesByTheTeamVariable()
    {
        using var doc = GrafanaDashboard.Load();

        var unfiltered = new List<string>();
        foreach (var target in GrafanaDashboard.Targets(doc.RootElement))
        {
            foreach (var selector in PromQlScanner.Scan(target.Expr).Selectors)
            {
                var hasTeam = DeployArtifacts.Catalog.TryGetLabels(selector.Name, out var labels) && labels.Contains("team");
                if (hasTeam && !selector.Matchers.Any(m => m is { Label: "team", Operator: "=~", Value: "$team" }))
                {
                    unfiltered.Add($"{target.Where}: {selector.Name} without team=~\"$team\"");
                }
            }
        }

        Assert.True(unfiltered.Count == 0, string.Join('\n', unfiltered));
    }

    [Fact]
    public void Dashboard_Panels_ShowEveryGatewaySeries()
    {
        using var doc = GrafanaDashboard.Load();
        var used = GrafanaDashboard.Targets(doc.RootElement)
            .SelectMany(t => PromQlScanner.Scan(t.Expr).Selectors.Select(s => s.Name))
            .ToHashSet(StringComparer.Ordinal);

        var missing = DeployArtifacts.Catalog.Metrics.Values
            .Where(m => m.Type == "histogram" ? !used.Contains(m.Name + "_bucket") : !used.Contains(m.Name))
            .Select(m => m.Name)
            .ToList();
        Assert.True(missing.Count == 0, $"metric-names.txt series no panel shows: {string.Join(", ", missing)}");
    }

    [Fact]
    public void Dashboard_Panels_FitTheGridWithoutOverlapping()
    {
        using var doc = GrafanaDashboard.Load();
        var boxes = GrafanaDashboard.AllPanels(doc.RootElement)
            .Select(p => (Title: p.GetProperty("title").GetString(), Grid: p.GetProperty("gridPos")))
            .Select(p => (p.Title, X: p.Grid.GetProperty("x").GetInt32(), Y: p.Grid.GetProperty("y").GetInt32(),
                          W: p.Grid.GetProperty("w").GetInt32(), H: p.Grid.GetProperty("h").GetInt32()))
            .ToList();

        var problems = boxes.Where(b => b.X < 0 || b.W <= 0 || b.H <= 0 || b.X + b.W > 24).Select(b => $"'{b.Title}' outside the 24-column grid").ToList();
        for (var i = 0; i < boxes.Count; i++)
        {
            for (var j = i + 1; j < boxes.Count; j++)
            {
                var (a, b) = (boxes[i], boxes[j]);
                if (a.X < b.X + b.W && b.X < a.X + a.W && a.Y < b.Y + b.H && b.Y < a.Y + a.H)
                {
                    problems.Add($"'{a.Title}' overlaps '{b.Title}'");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public void Dashboard_Exprs_ArePromQlThatPromtoolAccepts()
    {
        using var doc = GrafanaDashboard.Load();
        var targets = GrafanaDashboard.Targets(doc.RootElement).ToList();
        Assert.NotEmpty(targets);

        // promtool has no "parse this expression" command: check the queries as recording rules of a scratch
        // rule file, with Grafana's variables replaced by values Prometheus would receive.
        var yaml = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
        foreach (var target in targets)
        {
            yaml.Append("      - record: dashboard:panel_").Append(target.PanelId).Append('_').Append(target.RefId.ToLowerInvariant()).Append('\n')
                .Append("        expr: |\n");
            foreach (var line in ReplaceGrafanaVariables(target).Split('\n'))
            {
                yaml.Append("          ").Append(line).Append('\n');
            }
        }

        var dir = Directory.CreateTempSubdirectory("aigw-dashboard-");
        try
        {
            var file = Path.Combine(dir.FullName, "dashboard-queries.yml");
            File.WriteAllText(file, yaml.ToString());

            var result = Promtool.Run("check", "rules", file);

            Assert.True(result.ExitCode == 0, $"dashboard queries are not valid PromQL (exit {result.ExitCode}):\n{result.Output}");
            Assert.Contains($"SUCCESS: {targets.Count} rules found", result.Output, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static string ReplaceGrafanaVariables(DashboardTarget target) =>
        Regex.Replace(target.Expr, @"\$\{?(\w+)\}?", m => m.Groups[1].Value switch
        {
            "__rate_interval" or "__interval" or "__range" => "5m",
            "team" => ".*",
            var other => throw new Xunit.Sdk.XunitException($"{target.Where}: unknown Grafana variable ${other}"),
        });
}

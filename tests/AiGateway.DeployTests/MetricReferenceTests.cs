using System.Text.RegularExpressions;
using AiGateway.DeployTests.Support;

namespace AiGateway.DeployTests;

/// <summary>
/// The rules, their tests and the dashboard use only the series in deploy/prometheus/metric-names.txt (and
/// the recording rules defined on them), and only the labels each carries.
/// </summary>
public sealed class MetricReferenceTests
{
    [Fact]
    public void MetricNames_File_ListsTypedSeries()
    {
        var metrics = DeployArtifacts.Catalog.Metrics.Values.ToList();

        Assert.NotEmpty(metrics);
        Assert.All(metrics, m =>
        {
            Assert.StartsWith("aigw_", m.Name, StringComparison.Ordinal);
            Assert.Contains(m.Type, new[] { "counter", "gauge", "histogram" });
        });
    }

    [Fact]
    public void RulesFile_Exprs_UseOnlyListedSeriesAndLabels()
    {
        var checker = DeployArtifacts.Checker;

        var violations = DeployArtifacts.Rules.SelectMany(r => checker.CheckExpr(r.Expr, $"rule {r.DisplayName}")).ToList();

        Assert.True(violations.Count == 0, string.Join('\n', violations));
    }

    [Fact]
    public void RulesTestFile_SeriesAndExprs_UseOnlyListedSeriesAndLabels()
    {
        var checker = DeployArtifacts.Checker;
        var cases = RuleTestFile.Load(RepoPaths.RulesTestFile);

        var violations = cases.SelectMany(t =>
                t.InputSeries.SelectMany(s => checker.CheckSeries(s, $"test '{t.Name}' input"))
                    .Concat(t.Exprs.SelectMany(e => checker.CheckExpr(e, $"test '{t.Name}' expr")))
                    .Concat(t.ExpectedSampleSeries.SelectMany(s => checker.CheckSeries(s, $"test '{t.Name}' expected sample"))))
            .ToList();

        Assert.NotEmpty(cases);
        Assert.True(violations.Count == 0, string.Join('\n', violations));
    }

    [Fact]
    public void Dashboard_ExprsAndVariables_UseOnlyListedSeriesAndLabels()
    {
        var checker = DeployArtifacts.Checker;
        using var doc = GrafanaDashboard.Load();
        var violations = new List<string>();

        foreach (var target in GrafanaDashboard.Targets(doc.RootElement))
        {
            violations.AddRange(checker.CheckExpr(target.Expr, target.Where));

            // Legend labels must be labels the query's result has.
            var labels = checker.ResultLabels(target.Expr);
            violations.AddRange(Regex.Matches(target.LegendFormat, @"\{\{\s*(\w+)\s*\}\}")
                .Select(m => m.Groups[1].Value)
                .Where(l => !labels.Contains(l) && !MetricCatalog.TargetLabels.Contains(l))
                .Select(l => $"{target.Where}: legend uses '{l}', which the query's result does not have"));
        }

        foreach (var variable in doc.RootElement.GetProperty("templating").GetProperty("list").EnumerateArray()
                     .Where(v => v.GetProperty("type").GetString() == "query"))
        {
            var query = GrafanaDashboard.VariableQuery(variable);
            var where = $"variable {variable.GetProperty("name").GetString()}";
            var labelValues = Regex.Match(query, @"^label_values\((.+),\s*(\w+)\)$");
            if (!labelValues.Success)
            {
                violations.Add($"{where}: expected label_values(series, label), got '{query}'");
                continue;
            }

            violations.AddRange(checker.CheckExpr(labelValues.Groups[1].Value, where));
            violations.AddRange(checker.CheckExpr($"sum by ({labelValues.Groups[2].Value}) ({labelValues.Groups[1].Value})", where));
        }

        Assert.True(violations.Count == 0, string.Join('\n', violations));
    }
}

using System.Text.Json;

namespace AiGateway.LoadTests.Tests;

public class LoadReportTests
{
    [Fact]
    public void Create_WithBaseline_ComparesOtherTargetsOfSameScenario()
    {
        var report = LoadReport.Create(
            [Result("chat", "direct", p50: 1.0, p99: 2.0, rps: 1000), Result("chat", "gateway", p50: 1.5, p99: 5.0, rps: 900), Result("stream", "gateway", 1, 1, 1)],
            baseline: "direct",
            DateTimeOffset.UnixEpoch);

        var comparison = Assert.Single(report.Comparisons);
        Assert.Equal(("chat", "gateway", "direct"), (comparison.Scenario, comparison.Target, comparison.Baseline));
        Assert.Equal(0.5, comparison.P50DeltaMs, 9);
        Assert.Equal(50.0, comparison.P50DeltaPercent);
        Assert.Equal(3.0, comparison.P99DeltaMs, 9);
        Assert.Equal(150.0, comparison.P99DeltaPercent);
        Assert.Equal(-100, comparison.RpsDelta, 9);
        Assert.Equal(-10.0, comparison.RpsDeltaPercent);
    }

    [Fact]
    public void Comparison_BaselineZero_PercentIsNull()
    {
        var comparison = TargetComparison.Between(Result("s", "b", 1, 1, 5), Result("s", "a", 0, 0, 0));

        Assert.Null(comparison.P50DeltaPercent);
        Assert.Null(comparison.RpsDeltaPercent);
        Assert.Equal(5, comparison.RpsDelta);
    }

    [Fact]
    public void Markdown_TargetsSideBySide_WithErrorsAndComparison()
    {
        var failing = Result("chat", "gateway", 1.5, 5.0, 900) with { ErrorsByClass = new Dictionary<string, long> { ["401"] = 3, ["timeout"] = 1 } };
        var report = LoadReport.Create([Result("chat", "direct", 1.0, 2.0, 1000), failing], "direct", DateTimeOffset.UnixEpoch);

        var md = MarkdownReportWriter.Write(report);

        Assert.Contains("## chat — inject:1000/s:30s", md, StringComparison.Ordinal);
        Assert.Contains("| direct | 100 | 100 | 0 | 0 | 1000.0 | 1.000 |", md, StringComparison.Ordinal);
        Assert.Contains("| gateway | 100 | 100 | 0 | 0 | 900.0 | 1.500 |", md, StringComparison.Ordinal);
        Assert.Contains("- **gateway**: 401 × 3, timeout × 1", md, StringComparison.Ordinal);
        Assert.Contains("Compared with `direct`", md, StringComparison.Ordinal);
        Assert.Contains("| gateway | +0.500 (+50.0%) | +3.000 (+150.0%) | -100.0 (-10.0%) |", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_PropertyNamesAreCamelCaseAndStable()
    {
        var report = LoadReport.Create([Result("chat", "direct", 1.0, 2.0, 1000)], "direct", DateTimeOffset.UnixEpoch);

        var json = JsonSerializer.Serialize(report, ReportJsonContext.Default.LoadReport);
        using var document = JsonDocument.Parse(json);

        var root = document.RootElement;
        Assert.Equal(1, root.GetProperty("schemaVersion").GetInt32());
        Assert.Equal("aigw-load", root.GetProperty("tool").GetString());
        var result = root.GetProperty("results")[0];
        Assert.Equal("direct", result.GetProperty("target").GetString());
        Assert.Equal(2.0, result.GetProperty("latency").GetProperty("p99Ms").GetDouble());
        Assert.Equal(JsonValueKind.Null, result.GetProperty("streams").ValueKind);
        foreach (var name in new[] { "requests", "ok", "errors", "dropped", "rps", "serviceTime", "scheduleLag", "errorsByClass", "statusCodes", "counters", "completionTokens", "durationSeconds" })
        {
            Assert.True(result.TryGetProperty(name, out _), name);
        }
    }

    internal static ScenarioResult Result(string scenario, string target, double p50, double p99, double rps) => new()
    {
        Scenario = scenario,
        Target = target,
        Load = "inject:1000/s:30s",
        Requests = 100,
        Ok = 100,
        Rps = rps,
        Latency = new LatencySummary(100, p50, p50, p99, p99, p99, p99),
        ServiceTime = LatencySummary.Empty,
        ErrorsByClass = new Dictionary<string, long>(),
        StatusCodes = new Dictionary<string, long> { ["200"] = 100 },
        Counters = new Dictionary<string, long>(),
    };
}

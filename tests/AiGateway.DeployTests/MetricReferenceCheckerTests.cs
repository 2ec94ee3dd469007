using AiGateway.DeployTests.Support;

namespace AiGateway.DeployTests;

/// <summary>The checker behind <see cref="MetricReferenceTests"/> catches what it is there to catch.</summary>
public sealed class MetricReferenceCheckerTests
{
    private static MetricReferenceChecker NewChecker()
    {
        var catalog = MetricCatalog.Parse([
            "# comment",
            "aigw_requests_total counter team,model,endpoint,status_code",
            "aigw_gateway_overhead_seconds histogram team,model",
            "aigw_ledger_spooled_records gauge -",
        ]);
        catalog.AddRecordingRule("team:aigw_requests:rate5m", new HashSet<string> { "team" });
        return new MetricReferenceChecker(catalog);
    }

    [Theory]
    [InlineData("sum by (team) (rate(aigw_requests_total{status_code=~\"5..\"}[5m]))")]
    [InlineData("sum(rate(aigw_requests_total{team=~\"$team\"}[$__rate_interval])) by (model)")]
    [InlineData("histogram_quantile(0.99, sum by (le, team) (rate(aigw_gateway_overhead_seconds_bucket[5m])))")]
    [InlineData("sum(rate(aigw_gateway_overhead_seconds_sum[5m])) / sum(rate(aigw_gateway_overhead_seconds_count[5m]))")]
    [InlineData("team:aigw_requests:rate5m > 1 and on (team) team:aigw_requests:rate5m{team=\"rag\"} * 1e6")]
    [InlineData("aigw_ledger_spooled_records{instance=\"gw-a:8081\"} > 0 and on (job) (up offset 5m == 1)")]
    public void CheckExpr_ListedSeriesAndLabels_NoViolation(string expr)
    {
        Assert.Empty(NewChecker().CheckExpr(expr, "t"));
    }

    [Theory]
    [InlineData("rate(aigw_request_total[5m])", "unknown series 'aigw_request_total'")]
    [InlineData("aigw_gateway_overhead_seconds", "unknown series 'aigw_gateway_overhead_seconds'")]
    [InlineData("team:aigw_tokens:rate15m", "unknown series 'team:aigw_tokens:rate15m'")]
    [InlineData("rate(aigw_requests_total{status=\"500\"}[5m])", "has no label 'status'")]
    [InlineData("sum by (reason) (rate(aigw_requests_total[5m]))", "'by (reason)'")]
    [InlineData("sum(rate(aigw_requests_total[5m])) by (reason)", "'by (reason)'")]
    [InlineData("sum by (le) (rate(aigw_gateway_overhead_seconds_count[5m]))", "'by (le)'")]
    [InlineData("aigw_ledger_spooled_records{team=\"rag\"}", "has no label 'team'")]
    [InlineData("team:aigw_requests:rate5m{model=\"x\"}", "has no label 'model'")]
    [InlineData("{__name__=\"aigw_nope_total\"}", "selector without a metric name")]
    public void CheckExpr_UnlistedSeriesOrLabel_ReportsIt(string expr, string expected)
    {
        var violations = NewChecker().CheckExpr(expr, "t");

        Assert.Contains(violations, v => v.Contains(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("aigw_requests_total{team=\"rag\",model=\"m\",endpoint=\"chat\",status_code=\"200\",instance=\"a\"}", null)]
    [InlineData("aigw_gateway_overhead_seconds_bucket{team=\"rag\",model=\"m\",le=\"+Inf\"}", null)]
    [InlineData("team:aigw_requests:rate5m{team=\"rag\"}", null)]
    [InlineData("up{job=\"aigateway\"}", null)]
    [InlineData("{}", null)]
    [InlineData("aigw_requests_total{team=\"rag\",model=\"m\",status_code=\"200\"}", "lacks its label 'endpoint'")]
    [InlineData("aigw_gateway_overhead_seconds_bucket{team=\"rag\",model=\"m\"}", "lacks its label 'le'")]
    [InlineData("aigw_ledger_spooled_records{operation=\"x\"}", "has no label 'operation'")]
    public void CheckSeries_TestInput_MustCarryExactlyTheListedLabels(string series, string? expected)
    {
        var violations = NewChecker().CheckSeries(series, "t");

        if (expected is null)
        {
            Assert.Empty(violations);
        }
        else
        {
            Assert.Contains(violations, v => v.Contains(expected, StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("sum by (team) (rate(aigw_requests_total[5m]))", "team")]
    [InlineData("sum by (le) (rate(aigw_gateway_overhead_seconds_bucket[5m]))", "le")]
    [InlineData("team:aigw_requests:rate5m / team:aigw_requests:rate5m", "team")]
    [InlineData("max by (team, model) (aigw_requests_total)", "model,team")]
    public void ResultLabels_RecordingRuleExpr_AreItsByLabelsOrItsSources(string expr, string expected)
    {
        var labels = NewChecker().ResultLabels(expr);

        Assert.Equal(expected, string.Join(',', labels.Order(StringComparer.Ordinal)));
    }
}

using System.Text.RegularExpressions;
using AiGateway.DeployTests.Support;

namespace AiGateway.DeployTests;

/// <summary>deploy/prometheus/aigateway-rules.yml and its promtool unit tests.</summary>
public sealed class PrometheusRulesTests
{
    /// <summary>The alerts issue #5 asks for, and the gateway series each must watch.</summary>
    public static TheoryData<string, string> RequiredAlerts => new()
    {
        { "AiGatewayHighErrorRate", "aigw_requests_total" },
        { "AiGatewayUnusualTokenUsage", "aigw_tokens_total" },
        { "AiGatewayBudgetBurnRate", "aigw_budget_used_ratio" },
        { "AiGatewayBudgetNearlyExhausted", "aigw_budget_used_ratio" },
        { "AiGatewayBreakerTripped", "aigw_breaker_trips_total" },
        { "AiGatewayRedisErrors", "aigw_redis_errors_total" },
        { "AiGatewayVaultRefreshFailing", "aigw_vault_refreshes_total" },
        { "AiGatewayLedgerSpooled", "aigw_ledger_spooled_records" },
        { "AiGatewayOverheadHigh", "aigw_gateway_overhead_seconds_bucket" },
    };

    [Fact]
    public void CheckRules_RulesFile_PromtoolAcceptsEveryRule()
    {
        var result = Promtool.Run("check", "rules", RepoPaths.RulesFile);

        Assert.True(result.ExitCode == 0, $"promtool check rules failed (exit {result.ExitCode}):\n{result.Output}");
        // The same count as this project's reader sees, so the checks below look at every rule promtool loads.
        Assert.Contains($"SUCCESS: {DeployArtifacts.Rules.Count} rules found", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void TestRules_RulesTestFile_EveryCasePasses()
    {
        var result = Promtool.Run("test", "rules", RepoPaths.RulesTestFile);

        Assert.True(result.ExitCode == 0, $"promtool test rules failed (exit {result.ExitCode}):\n{result.Output}");
        Assert.Contains("SUCCESS", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(RequiredAlerts))]
    public void Alert_Required_ExistsAndWatchesItsSeries(string alert, string series)
    {
        var rule = Assert.Single(DeployArtifacts.Alerts, r => r.Alert == alert);

        var used = SeriesUsedBy(rule.Expr);
        Assert.True(used.Contains(series), $"{alert} should watch {series}; its expression (through recording rules) reads: {string.Join(", ", used)}");
    }

    [Fact]
    public void Alerts_Each_HaveSeverityAndSummaryDescriptionRunbook()
    {
        var problems = new List<string>();
        foreach (var alert in DeployArtifacts.Alerts)
        {
            if (!alert.Labels.TryGetValue("severity", out var severity) || severity is not ("critical" or "warning"))
            {
                problems.Add($"{alert.Alert}: severity label must be critical or warning, is '{severity}'");
            }

            foreach (var annotation in new[] { "summary", "description", "runbook" })
            {
                if (!alert.Annotations.TryGetValue(annotation, out var text) || string.IsNullOrWhiteSpace(text))
                {
                    problems.Add($"{alert.Alert}: missing '{annotation}' annotation");
                }
            }
        }

        Assert.NotEmpty(DeployArtifacts.Alerts);
        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public void RecordingRules_Names_FollowLevelMetricOperations()
    {
        var records = DeployArtifacts.Rules.Where(r => r.Record is not null).Select(r => r.Record!).ToList();

        Assert.NotEmpty(records);
        var bad = records.Where(r => !Regex.IsMatch(r, "^[a-z_]+:aigw_[a-z0-9_]+:[a-z0-9_]+$")).ToList();
        Assert.True(bad.Count == 0, $"recording rules should be named level:aigw_metric:operations (e.g. team:aigw_tokens:rate15m): {string.Join(", ", bad)}");
    }

    [Fact]
    public void RuleTests_EveryAlert_HasAFiringAndANonFiringCase()
    {
        var expectations = RuleTestFile.Load(RepoPaths.RulesTestFile).SelectMany(t => t.AlertTests).ToList();

        var missing = new List<string>();
        foreach (var alert in DeployArtifacts.Alerts.Select(a => a.Alert!))
        {
            if (!expectations.Any(e => e.AlertName == alert && e.ExpectedAlerts > 0))
            {
                missing.Add($"{alert}: no case where it fires");
            }

            if (!expectations.Any(e => e.AlertName == alert && e.ExpectedAlerts == 0))
            {
                missing.Add($"{alert}: no case where it does not fire");
            }
        }

        Assert.True(missing.Count == 0, string.Join('\n', missing));
    }

    [Fact]
    public void RuleTests_AlertNames_AreAlertsOfTheRulesFile()
    {
        // promtool passes "expect no alert" for a misspelt alert name: every case must name a real alert.
        var alerts = DeployArtifacts.Alerts.Select(a => a.Alert!).ToHashSet(StringComparer.Ordinal);

        var unknown = RuleTestFile.Load(RepoPaths.RulesTestFile)
            .SelectMany(t => t.AlertTests.Where(a => !alerts.Contains(a.AlertName)).Select(a => $"{t.Name} @ {a.EvalTime}: {a.AlertName}"))
            .ToList();
        Assert.True(unknown.Count == 0, $"alert_rule_test names an alert the rules file does not define:\n{string.Join('\n', unknown)}");
    }

    /// <summary>The gateway series an expression reads, following recording rules to their sources.</summary>
    private static HashSet<string> SeriesUsedBy(string expr)
    {
        var records = DeployArtifacts.Rules.Where(r => r.Record is not null).ToDictionary(r => r.Record!, r => r.Expr, StringComparer.Ordinal);
        var used = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Queue<string>([expr]);
        while (pending.TryDequeue(out var next))
        {
            foreach (var name in PromQlScanner.Scan(next).Selectors.Select(s => s.Name))
            {
                if (used.Add(name) && records.TryGetValue(name, out var source))
                {
                    pending.Enqueue(source);
                }
            }
        }

        return used;
    }
}

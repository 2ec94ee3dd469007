using System.Text.Json;
using AiGateway.DeployTests.Support;

namespace AiGateway.DeployTests;

/// <summary>deploy/prometheus/prometheus.yml, the sample scrape configuration.</summary>
public sealed class PrometheusConfigTests
{
    [Fact]
    public void CheckConfig_SampleConfig_IsValidAndLoadsTheRulesFile()
    {
        // promtool resolves rule_files relative to the config file and checks them too.
        var result = Promtool.Run("check", "config", RepoPaths.PrometheusConfig);

        Assert.True(result.ExitCode == 0, $"promtool check config failed (exit {result.ExitCode}):\n{result.Output}");
        Assert.Contains("SUCCESS: 1 rule files found", result.Output, StringComparison.Ordinal);
        Assert.Contains($"SUCCESS: {DeployArtifacts.Rules.Count} rules found", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void ScrapeConfig_Gateway_ScrapesMetricsOnTheDefaultAdminListener()
    {
        var config = YamlNodes.Map(YamlSubsetReader.Parse(File.ReadAllText(RepoPaths.PrometheusConfig)), "root");
        var job = YamlNodes.List(config["scrape_configs"], "scrape_configs")
            .Select((j, i) => YamlNodes.Map(j, $"scrape_configs[{i}]"))
            .Single(j => YamlNodes.Str(j["job_name"], "job_name") == "aigateway");
        var targets = YamlNodes.List(job["static_configs"], "static_configs")
            .SelectMany((c, i) => YamlNodes.List(YamlNodes.Map(c, $"static_configs[{i}]")["targets"], "targets"))
            .Select(t => YamlNodes.Str(t, "target"))
            .ToList();

        using var settings = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "appsettings.sample.json")));
        var adminUrl = new Uri(settings.RootElement.GetProperty("Admin").GetProperty("Urls").GetString()!);
        Assert.Equal("/metrics", YamlNodes.Str(job["metrics_path"], "metrics_path"));
        Assert.Equal([$"{adminUrl.Host}:{adminUrl.Port}"], targets);
        Assert.Contains("aigateway-rules.yml", YamlNodes.List(config["rule_files"], "rule_files").Select(f => YamlNodes.Str(f, "rule_files[]")));
    }
}

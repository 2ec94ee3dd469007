using System.Text;
using AiGateway.Keys.Vault;
using AiGateway.Storage.Redis;
using AiGateway.Telemetry;

namespace AiGateway.UnitTests.Telemetry;

/// <summary>What prometheus-net's MeterAdapter makes of the gateway's instruments: the scrape names are a contract.</summary>
public sealed class PrometheusMeterExportTests : IDisposable
{
    private readonly TestMeterFactory _meters = new();
    private readonly PrometheusMeterExport _export;

    public PrometheusMeterExportTests() => _export = new PrometheusMeterExport(_meters);

    public void Dispose()
    {
        _export.Dispose();
        _meters.Dispose();
    }

    private async Task<string> ScrapeAsync()
    {
        using var stream = new MemoryStream();
        await _export.Registry.CollectAndExportAsTextAsync(stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static CompletedRequest Request() => new()
    {
        Team = "rag",
        Model = "deepseek-v3.2",
        Endpoint = "chat",
        StatusCode = 429,
        Reason = "rate_limit_exceeded",
        InputTokens = 10,
        OutputTokens = 5,
        CostMicros = 63,
        ElapsedTicks = 1_000,
        UpstreamTicks = 400,
        UpstreamAttempts = 1,
    };

    [Fact]
    public async Task Scrape_GatewayInstruments_ExportedUnderTheContractNames()
    {
        new GatewayMetrics(_meters).Record(Request());
        _ = new RedisMetrics(_meters);
        _ = new VaultMetrics(_meters);

        var text = await ScrapeAsync();

        Assert.Contains("aigw_requests_total{endpoint=\"chat\",model=\"deepseek-v3.2\",status_code=\"429\",team=\"rag\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("aigw_rejections_total{model=\"deepseek-v3.2\",reason=\"rate_limit_exceeded\",team=\"rag\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("aigw_tokens_total{model=\"deepseek-v3.2\",team=\"rag\",type=\"input\"} 10", text, StringComparison.Ordinal);
        Assert.Contains("aigw_tokens_total{model=\"deepseek-v3.2\",team=\"rag\",type=\"output\"} 5", text, StringComparison.Ordinal);
        Assert.Contains("aigw_spend_microdollars_total{model=\"deepseek-v3.2\",team=\"rag\"} 63", text, StringComparison.Ordinal);
        Assert.Contains("aigw_gateway_overhead_seconds_count{model=\"deepseek-v3.2\",team=\"rag\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("aigw_upstream_duration_seconds_count{model=\"deepseek-v3.2\",team=\"rag\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("aigw_redis_errors_total{operation=\"admission\"} 0", text, StringComparison.Ordinal);
        Assert.Contains("aigw_redis_errors_total{operation=\"token_lookup\"} 0", text, StringComparison.Ordinal);
        Assert.Contains("aigw_vault_refreshes_total{outcome=\"success\"} 0", text, StringComparison.Ordinal);
        Assert.Contains("aigw_vault_refreshes_total{outcome=\"failure\"} 0", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scrape_OverheadHistogram_HasSubMillisecondBuckets()
    {
        new GatewayMetrics(_meters).Record(Request());

        var text = await ScrapeAsync();

        Assert.Contains("aigw_gateway_overhead_seconds_bucket{model=\"deepseek-v3.2\",team=\"rag\",le=\"0.0001\"}", text, StringComparison.Ordinal);
        Assert.Contains("aigw_gateway_overhead_seconds_bucket{model=\"deepseek-v3.2\",team=\"rag\",le=\"10\"}", text, StringComparison.Ordinal);
        Assert.Contains("aigw_upstream_duration_seconds_bucket{model=\"deepseek-v3.2\",team=\"rag\",le=\"300\"}", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scrape_VaultAndRedisCounts_ReadAtScrapeTime()
    {
        var vault = new VaultMetrics(_meters);
        var redis = new RedisMetrics(_meters);
        vault.Refreshed(success: true);
        vault.Refreshed(success: true);
        vault.Refreshed(success: false);
        redis.Failed(RedisOperation.Reconcile);

        var text = await ScrapeAsync();

        Assert.Contains("aigw_vault_refreshes_total{outcome=\"success\"} 2", text, StringComparison.Ordinal);
        Assert.Contains("aigw_vault_refreshes_total{outcome=\"failure\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("aigw_redis_errors_total{operation=\"reconcile\"} 1", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scrape_AnotherHostsMeters_NotIncluded()
    {
        using var otherHost = new TestMeterFactory();
        new GatewayMetrics(otherHost).Record(Request());

        var text = await ScrapeAsync();

        Assert.DoesNotContain("aigw_requests_total", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scrape_ProcessAndRuntimeSamples_Kept()
    {
        var text = await ScrapeAsync();

        Assert.Contains("process_cpu_seconds_total", text, StringComparison.Ordinal);
        Assert.Contains("dotnet_collection_count_total", text, StringComparison.Ordinal);
    }
}

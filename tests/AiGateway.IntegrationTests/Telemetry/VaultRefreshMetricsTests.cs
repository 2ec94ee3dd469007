using AiGateway.IntegrationTests.Infrastructure;
using AiGateway.Keys;
using AiGateway.Keys.Vault;
using Microsoft.Extensions.DependencyInjection;

namespace AiGateway.IntegrationTests.Telemetry;

/// <summary>Key reads from Vault (the test double, over HTTP) are counted by outcome in aigw_vault_refreshes_total.</summary>
public sealed class VaultRefreshMetricsTests
{
    private static async Task<(double Success, double Failure)> ScrapeAsync(GatewayHost gateway)
    {
        using var scraper = new HttpClient { BaseAddress = gateway.AdminUrl };
        var scrape = PrometheusScrape.Parse(await scraper.GetStringAsync("/metrics"));
        return (scrape.Sum("aigw_vault_refreshes_total", ("outcome", "success")), scrape.Sum("aigw_vault_refreshes_total", ("outcome", "failure")));
    }

    [Fact]
    public async Task Refresh_VaultAnswersThenIsSealed_SuccessesThenFailuresCounted()
    {
        await using var stack = await VaultTestBed.StartAsync();
        var provider = (VaultUpstreamKeyProvider)stack.Gateway.Services.GetRequiredService<IUpstreamKeyProvider>();
        var before = await ScrapeAsync(stack.Gateway);

        await provider.RefreshAllAsync(CancellationToken.None);
        var afterReads = await ScrapeAsync(stack.Gateway);
        stack.Vault.Sealed = true;
        await provider.RefreshAllAsync(CancellationToken.None);
        var afterSealed = await ScrapeAsync(stack.Gateway);

        Assert.True(afterReads.Success > before.Success, $"successes {before.Success} -> {afterReads.Success}");
        Assert.Equal(before.Failure, afterReads.Failure);
        Assert.True(afterSealed.Failure > afterReads.Failure, $"failures {afterReads.Failure} -> {afterSealed.Failure}");
        Assert.Equal(afterReads.Success, afterSealed.Success);
    }
}

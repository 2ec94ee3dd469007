using System.Net;
using System.Text.Json;
using AiGateway.IntegrationTests.Infrastructure;

namespace AiGateway.IntegrationTests.Spend;

/// <summary>
/// A request the spend check refuses (unpriced model, exhausted budget) is never forwarded, so it must not keep
/// holding the tokens-per-minute it was admitted with: otherwise one caller's typo or one token's spent budget
/// rate-limits the whole team, and the refusals themselves turn from 403/insufficient_quota into rate-limit 429s.
/// </summary>
public sealed class SpendRefusalRateLimitTests : IAsyncLifetime
{
    private UpstreamSimulator.UpstreamSimulator _simulator = null!;
    private GatewayHost _gateway = null!;

    public async Task InitializeAsync()
    {
        _simulator = await UpstreamSimulator.UpstreamSimulator.StartAsync(GatewayHost.SimulatorOptions());
        _gateway = await GatewayHost.StartAsync(_simulator.BaseUrl, new Dictionary<string, string?>
        {
            ["Policies:Path"] = TestPaths.PoliciesWith(
                ("rag", """
                    { "team": "rag", "models": ["deepseek-v3.2", "deepseek-*"], "endpoints": ["chat"], "upstreamKey": "creds/rag-production",
                      "limits": { "tpm": 3000 }, "maxTokens": { "default": 500, "maximum": 500 } }
                    """),
                ("analytics", """
                    { "team": "analytics", "models": ["gpt-4.1"], "endpoints": ["chat"], "upstreamKey": "creds/analytics",
                      "limits": { "tpm": 4000 }, "maxTokens": { "default": 500, "maximum": 500 },
                      "budget": { "tokenMonthlyUsd": 0.01 } }
                    """)),
        });
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _simulator.DisposeAsync();
    }

    private async Task<(HttpStatusCode Status, string? Code)> SendAsync(string token, string model, int outputTokens = 500)
    {
        using var request = _gateway.Request(HttpMethod.Post, "/v1/chat/completions", token,
            $$"""{"model":"{{model}}","max_tokens":500,"messages":[{"role":"user","content":"hi"}]}""");
        request.Headers.Add("x-sim-output-tokens", outputTokens.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var response = await _gateway.Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        string? code = null;
        if (response.StatusCode != HttpStatusCode.OK)
        {
            using var document = JsonDocument.Parse(body);
            code = document.RootElement.GetProperty("error").GetProperty("code").GetString();
        }
        return (response.StatusCode, code);
    }

    [Fact]
    public async Task UnpricedModel_RepeatedRefusals_StayModelNotPricedAndLeaveTheTeamsTpmFree()
    {
        var (typo, _) = await _gateway.IssueTokenAsync("rag", "typo");
        var (other, _) = await _gateway.IssueTokenAsync("rag", "other");

        // Each would hold ~510 tokens of the team's 3000 per minute if it were admitted and never released.
        var refusals = new List<(HttpStatusCode, string?)>();
        for (var i = 0; i < 8; i++)
        {
            refusals.Add(await SendAsync(typo, "deepseek-r2"));
        }

        Assert.All(refusals, r => Assert.Equal((HttpStatusCode.Forbidden, "model_not_priced"), r));
        Assert.Equal((HttpStatusCode.OK, (string?)null), await SendAsync(other, "deepseek-v3.2"));
        Assert.Empty(_simulator.ReceivedRequests.Where(r => r.Body.Contains("deepseek-r2", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task TokenBudgetExhausted_RepeatedRefusals_StayInsufficientQuotaAndLeaveTheTeamsTpmFree()
    {
        var (spender, _) = await _gateway.IssueTokenAsync("analytics", "spender");
        var (other, _) = await _gateway.IssueTokenAsync("analytics", "other");
        // gpt-4.1 at $8/1M: ~510 tokens cost ~4,100 µ$, so the token's $0.01 allows two such calls (~1,030 tokens of TPM).
        Assert.Equal((HttpStatusCode.OK, (string?)null), await SendAsync(spender, "gpt-4.1"));
        Assert.Equal((HttpStatusCode.OK, (string?)null), await SendAsync(spender, "gpt-4.1"));

        var refusals = new List<(HttpStatusCode, string?)>();
        for (var i = 0; i < 8; i++)
        {
            refusals.Add(await SendAsync(spender, "gpt-4.1"));
        }

        Assert.All(refusals, r => Assert.Equal((HttpStatusCode.TooManyRequests, "insufficient_quota"), r));
        // The team's other token has its own budget, and the team's TPM holds only what was really used.
        Assert.Equal((HttpStatusCode.OK, (string?)null), await SendAsync(other, "gpt-4.1"));
        Assert.Equal(3, _simulator.ReceivedRequests.Count);
    }
}

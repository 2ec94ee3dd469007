using System.ClientModel;
using System.Net;
using System.Text.Json;
using AiGateway.IntegrationTests.Infrastructure;
using OpenAI.Chat;
using Xunit.Abstractions;
using static AiGateway.IntegrationTests.Spend.SpendTestKit;

namespace AiGateway.IntegrationTests.Spend;

/// <summary>
/// A monthly team budget a few requests exhaust, hit by many concurrent requests: admission counts what requests
/// in flight hold, so settled spend never passes the cap by more than one request's cost; the rest get OpenAI's
/// 429 <c>insufficient_quota</c> (not retryable) and never reach the upstream; /admin/budgets shows the state.
/// </summary>
public sealed class BudgetCapTests : IAsyncLifetime
{
    private const long CapMicros = 5_000; // $0.005: about five gpt-4.1 calls of ~110 tokens at $8 per 1M
    private const int Concurrent = 40;

    private RedisServer? _redis;
    private UpstreamSimulator.UpstreamSimulator _simulator = null!;
    private readonly List<GatewayHost> _gateways = [];
    private readonly ITestOutputHelper _output;

    public BudgetCapTests(ITestOutputHelper output) => _output = output;

    public async Task InitializeAsync() =>
        _simulator = await UpstreamSimulator.UpstreamSimulator.StartAsync(GatewayHost.SimulatorOptions());

    public async Task DisposeAsync()
    {
        foreach (var gateway in _gateways)
        {
            await gateway.DisposeAsync();
        }
        await _simulator.DisposeAsync();
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }

    [Theory]
    [InlineData("embedded")]
    [InlineData("redis, two replicas")]
    public async Task ConcurrentRequests_SmallMonthlyBudget_SpendStaysWithinOneRequestOfTheCapAndTheRestGetInsufficientQuota(string store)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Policies:Path"] = TestPaths.PoliciesWith(("analytics", """
                { "team": "analytics", "models": ["gpt-4.1"], "endpoints": ["chat"], "upstreamKey": "creds/analytics",
                  "maxTokens": { "default": 100, "maximum": 100 },
                  "budget": { "monthlyUsd": 0.005, "alertPercent": 50 } }
                """)),
        };
        if (store.StartsWith("redis", StringComparison.Ordinal))
        {
            _redis = await RedisServer.StartAsync();
            settings["Redis:Configuration"] = _redis.Configuration;
            settings["Auth:TokenHashKey"] = Limits.MultiReplicaLimitTests.SharedTokenHashKey;
        }
        _gateways.Add(await GatewayHost.StartAsync(_simulator.BaseUrl, settings));
        if (_redis is not null)
        {
            _gateways.Add(await GatewayHost.StartAsync(_simulator.BaseUrl, settings)); // one budget, held across replicas
        }
        var gateway = _gateways[0];
        var (tokenA, _) = await gateway.IssueTokenAsync("analytics", "reports");
        var (tokenB, _) = await gateway.IssueTokenAsync("analytics", "dashboards");

        var results = await Task.WhenAll(Enumerable.Range(0, Concurrent).Select(i => Task.Run(async () =>
        {
            var replica = _gateways[i % _gateways.Count];
            using var request = replica.Request(HttpMethod.Post, "/v1/chat/completions", i % 3 == 0 ? tokenA : tokenB,
                $$"""{"model":"gpt-4.1","max_tokens":100,"messages":[{"role":"user","content":"Write a long report, part {{i}}."}]}""");
            request.Headers.Add("x-sim-output-tokens", "100"); // every admitted call really uses its whole output cap
            using var response = await replica.Http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            var shouldRetry = response.Headers.TryGetValues("x-should-retry", out var values) ? values.Single() : null;
            return (response.StatusCode, Body: body, ShouldRetry: shouldRetry, Seen: Seen(response));
        })));

        var ok = results.Where(r => r.StatusCode == HttpStatusCode.OK).ToList();
        var refused = results.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.True(ok.Count + refused.Count == Concurrent, "unexpected statuses: " + string.Join(", ", results.Select(r => (int)r.StatusCode)));
        Assert.NotEmpty(ok);
        Assert.NotEmpty(refused);
        foreach (var (_, body, shouldRetry, _) in refused)
        {
            using var document = JsonDocument.Parse(body);
            var error = document.RootElement.GetProperty("error");
            Assert.Equal(["message", "type", "param", "code"], error.EnumerateObject().Select(p => p.Name).ToArray());
            Assert.Equal("insufficient_quota", error.GetProperty("type").GetString());
            Assert.Equal("insufficient_quota", error.GetProperty("code").GetString());
            Assert.Contains("budget", error.GetProperty("message").GetString(), StringComparison.OrdinalIgnoreCase);
            Assert.Equal("false", shouldRetry);
        }

        // Every request is accounted for (the counter is recorded after settlement); only the admitted ones are in the ledger.
        var alerts = new Dictionary<string, long>();
        foreach (var replica in _gateways)
        {
            var samples = await MetricsWhenRequestsAsync(replica, Concurrent / _gateways.Count);
            foreach (var (key, value) in SumBy(samples, "aigw_budget_alerts_total", null, "team", "scope"))
            {
                alerts[key] = alerts.GetValueOrDefault(key) + value;
            }
        }
        var ledger = await LedgerWhenCountAsync(gateway, ok.Count);
        Assert.Equal(ok.Select(r => r.Seen.RequestId).Order(StringComparer.Ordinal), ledger.Select(r => r.RequestId).Order(StringComparer.Ordinal));
        Assert.Equal(ok.Count, _simulator.ReceivedRequests.Count); // refused requests never reached the upstream
        var settled = ledger.Sum(r => r.CostMicros);
        var oneRequest = ledger.Max(r => r.CostMicros);
        _output.WriteLine($"{store}: {ok.Count} admitted, {refused.Count} refused; settled {settled} µ$ of a {CapMicros} µ$ cap (one request {oneRequest} µ$)");
        Assert.True(settled <= CapMicros + oneRequest, $"settled {settled} µ$ against a cap of {CapMicros} µ$ (one request: {oneRequest} µ$)");
        Assert.True(settled + oneRequest > CapMicros / 2, $"only {settled} µ$ settled: the budget refused far too early");

        foreach (var replica in _gateways)
        {
            var (month, teams) = await BudgetsAsync(replica);
            Assert.Equal(CapMicros, teams["analytics"].Limit);
            Assert.Equal(ledger.Where(r => Month(r) == month).Sum(r => r.CostMicros), teams["analytics"].Spent);
            Assert.Equal(0, teams["analytics"].Reserved);
        }

        // A request as large as the others is refused from now on, and the official SDK surfaces the 429 without retrying it.
        var thrown = await Assert.ThrowsAsync<ClientResultException>(() => gateway.OpenAi(tokenA).GetChatClient("gpt-4.1")
            .CompleteChatAsync([new UserChatMessage("one more")], new ChatCompletionOptions { MaxOutputTokenCount = 100 }));
        Assert.Equal(429, thrown.Status);
        Assert.Contains("insufficient_quota", thrown.Message, StringComparison.Ordinal);
        Assert.Equal(ok.Count, _simulator.ReceivedRequests.Count);

        // The soft alert (50 %) fired once for the team, on whichever replica settled the crossing request.
        Assert.Equal(1, alerts.GetValueOrDefault("analytics|team"));
    }
}

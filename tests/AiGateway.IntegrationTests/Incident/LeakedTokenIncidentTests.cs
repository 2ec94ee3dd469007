using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using AiGateway.IntegrationTests.Infrastructure;

namespace AiGateway.IntegrationTests.Incident;

/// <summary>
/// The incident the gateway was born from, replayed: a leaked token hammers the gateway from many
/// connections at once, asking for the most output it may, on the most expensive model the team may use.
/// The spend-velocity breaker must stop it inside its window, with the token's total spend under the
/// configured bound, suspend it on every replica, count and audit the trip, and leave the team's other
/// tokens alone — and an admin must be able to reinstate it.
/// </summary>
public sealed class LeakedTokenIncidentTests : IAsyncLifetime
{
    private const int Connections = 32;
    private const int MaxAttempts = 3000;
    private const string BreakerMaxUsd = "0.05";
    private const long BreakerMaxMicros = 50_000;
    private const int WindowSeconds = 300;

    private readonly Xunit.Abstractions.ITestOutputHelper _output;
    private RedisServer _redis = null!;
    private UpstreamSimulator.UpstreamSimulator _simulator = null!;
    private readonly List<GatewayHost> _gateways = [];

    public LeakedTokenIncidentTests(Xunit.Abstractions.ITestOutputHelper output) => _output = output;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        _simulator = await UpstreamSimulator.UpstreamSimulator.StartAsync(GatewayHost.SimulatorOptions());
    }

    public async Task DisposeAsync()
    {
        foreach (var gateway in _gateways)
        {
            await gateway.DisposeAsync();
        }
        await _simulator.DisposeAsync();
        await _redis.DisposeAsync();
    }

    private static string Policies() => TestPaths.PoliciesWith(("analytics", $$"""
        { "team": "analytics", "models": ["gpt-4.1"], "endpoints": ["chat"], "upstreamKey": "creds/analytics",
          "maxTokens": { "default": 200, "maximum": 200 },
          "breaker": { "token": { "maxUsd": {{BreakerMaxUsd}}, "window": "5m" }, "team": { "maxUsd": 10, "window": "5m" } } }
        """));

    private async Task<GatewayHost> StartReplicaAsync(string policies)
    {
        var gateway = await GatewayHost.StartAsync(_simulator.BaseUrl, new Dictionary<string, string?>
        {
            ["Policies:Path"] = policies,
            ["Redis:Configuration"] = _redis.Configuration,
            ["Auth:TokenHashKey"] = Limits.MultiReplicaLimitTests.SharedTokenHashKey,
        });
        _gateways.Add(gateway);
        return gateway;
    }

    // Every call asks for the full output cap and the simulator produces all of it: the attacker's best case.
    private static HttpRequestMessage Attack(GatewayHost gateway, string token)
    {
        var request = gateway.Request(HttpMethod.Post, "/v1/chat/completions", token,
            """{"model":"gpt-4.1","max_tokens":200,"messages":[{"role":"user","content":"Write as much as you can."}]}""");
        request.Headers.Add("x-sim-output-tokens", "200");
        return request;
    }

    [Fact]
    public async Task LeakedToken_HammeredFromManyConnectionsOnTwoReplicas_IsSuspendedWithinTheWindowAndSpendStaysUnderTheBound()
    {
        var policies = Policies();
        var a = await StartReplicaAsync(policies);
        var b = await StartReplicaAsync(policies);
        var (leaked, leakedId) = await a.IssueTokenAsync("analytics", "batch-reports");
        var (honest, _) = await a.IssueTokenAsync("analytics", "dashboards");

        var ok = 0;
        var attempts = 0;
        var refusals = new ConcurrentBag<(HttpStatusCode Status, string? Code)>();
        var servedIds = new ConcurrentBag<string>();
        var firstRequestAt = DateTimeOffset.UtcNow;

        async Task Worker(int n)
        {
            var gateway = n % 2 == 0 ? a : b;
            while (Interlocked.Increment(ref attempts) <= MaxAttempts)
            {
                using var response = await gateway.Http.SendAsync(Attack(gateway, leaked));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    Interlocked.Increment(ref ok);
                    servedIds.Add(response.Headers.GetValues("x-aigw-request-id").Single());
                    continue;
                }
                using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                refusals.Add((response.StatusCode, body.RootElement.GetProperty("error").GetProperty("code").GetString()));
                return; // the attacker's connection is stopped
            }
        }

        await Task.WhenAll(Enumerable.Range(0, Connections).Select(n => Task.Run(() => Worker(n))));

        // Every connection was stopped by the breaker (not by running out of attempts).
        Assert.True(attempts < MaxAttempts, $"the attack was never stopped: {ok} calls served");
        Assert.Equal(Connections, refusals.Count);
        Assert.All(refusals, r =>
        {
            Assert.Equal(HttpStatusCode.Forbidden, r.Status);
            Assert.Equal("token_suspended", r.Code);
        });

        // Spend: what the ledger charged the leaked token stays under the bound.
        var ledger = await LedgerAsync(a);
        var leakedRecords = ledger.Where(r => r.GetProperty("tokenId").GetString() == leakedId).ToList();
        Assert.Equal(ok, leakedRecords.Count);
        Assert.Equal(servedIds.Order(StringComparer.Ordinal), leakedRecords.Select(r => r.GetProperty("requestId").GetString()!).Order(StringComparer.Ordinal));
        var spent = leakedRecords.Sum(r => r.GetProperty("costMicros").GetInt64());
        _output.WriteLine($"served {ok} calls in {DateTimeOffset.UtcNow - firstRequestAt:g}, spent {spent} of {BreakerMaxMicros} micro-dollars, {attempts} attempts");
        Assert.InRange(spent, BreakerMaxMicros / 2, BreakerMaxMicros);
        Assert.True(ok > 0, "the breaker refused the first request: nothing was proved");

        // Within the window: from the first request to the last charged one took less than the window.
        var times = leakedRecords.Select(r => r.GetProperty("timeMs").GetInt64()).ToList();
        Assert.True(times.Max() - times.Min() < WindowSeconds * 1000L);
        Assert.True(DateTimeOffset.UtcNow - firstRequestAt < TimeSpan.FromSeconds(WindowSeconds));

        // Suspended in the shared token store (both replicas refuse it), counted, audited.
        using (var token = await a.Admin.GetAsync($"/admin/tokens/{leakedId}"))
        {
            using var view = JsonDocument.Parse(await token.Content.ReadAsStringAsync());
            Assert.Equal("suspended", view.RootElement.GetProperty("status").GetString());
            Assert.Contains("spend-velocity breaker", view.RootElement.GetProperty("statusReason").GetString(), StringComparison.Ordinal);
        }
        foreach (var gateway in new[] { a, b })
        {
            using var again = await gateway.Http.SendAsync(Attack(gateway, leaked));
            await OpenAiErrorAssert.IsErrorAsync(again, HttpStatusCode.Forbidden, "token_suspended");
        }
        var audits = _gateways.SelectMany(g => g.Logs.Lines).Count(l => l.Contains("audit breaker scope=token team=analytics token=" + leakedId, StringComparison.Ordinal));
        Assert.Equal(1, audits);
        Assert.Equal(1, await BreakerTripsAsync());

        // The team's other token never noticed.
        using (var other = await b.Http.SendAsync(Attack(b, honest)))
        {
            Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        }

        // An admin reinstates it: it works again, on either replica.
        using (var reinstate = await a.Admin.PostAsync($"/admin/tokens/{leakedId}/reinstate", null))
        {
            Assert.Equal(HttpStatusCode.OK, reinstate.StatusCode);
        }
        await EventuallyOkAsync(b, leaked);
    }

    private static async Task EventuallyOkAsync(GatewayHost gateway, string token)
    {
        // Other replicas learn of the reinstatement by pub/sub; allow them a bounded moment.
        var deadline = DateTimeOffset.UtcNow.AddSeconds(10);
        while (true)
        {
            using var response = await gateway.Http.SendAsync(gateway.Request(HttpMethod.Post, "/v1/chat/completions", token,
                """{"model":"gpt-4.1","max_tokens":5,"messages":[{"role":"user","content":"hi"}]}"""));
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return;
            }
            Assert.True(DateTimeOffset.UtcNow < deadline, $"still refused after reinstatement: {(int)response.StatusCode}");
            await Task.Delay(20);
        }
    }

    private static async Task<List<JsonElement>> LedgerAsync(GatewayHost gateway)
    {
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var text = await gateway.Admin.GetStringAsync($"/admin/ledger?from={today}&to={today}&team=analytics");
        return [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement.Clone())];
    }

    private async Task<double> BreakerTripsAsync()
    {
        double total = 0;
        foreach (var gateway in _gateways)
        {
            var metrics = await gateway.Admin.GetStringAsync("/metrics");
            foreach (var line in metrics.Split('\n'))
            {
                if (line.StartsWith("aigw_breaker_trips_total{", StringComparison.Ordinal) && line.Contains("scope=\"token\"", StringComparison.Ordinal))
                {
                    total += double.Parse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
                }
            }
        }
        return total;
    }
}

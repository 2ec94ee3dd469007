using System.Net;
using AiGateway.IntegrationTests.Infrastructure;
using AiGateway.Storage.Redis;
using Microsoft.Extensions.DependencyInjection;

namespace AiGateway.IntegrationTests.Limits;

/// <summary>
/// Three gateway replicas on one real redis-server: one set of numbers. The run is shorter than a minute,
/// so the whole run is one 60-second window, and the rule is checked where it can be broken: the tokens
/// the simulator actually served to the flooding team.
/// </summary>
public sealed class MultiReplicaLimitTests : IAsyncLifetime
{
    private const int Tpm = 6000;

    /// <summary>Replicas sharing a token store share the key tokens are hashed with.</summary>
    public const string SharedTokenHashKey = "dGhpcy1pcy1hLXRlc3Qta2V5LW9mLTMyLWJ5dGVzLW9rIQ==";
    private RedisServer _redis = null!;
    private UpstreamSimulator.UpstreamSimulator _simulator = null!;
    private readonly List<GatewayHost> _gateways = [];

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync(persistent: true);
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

    private async Task<GatewayHost> StartGatewayAsync(string policies, string failureMode = "Open")
    {
        var gateway = await GatewayHost.StartAsync(_simulator.BaseUrl, new Dictionary<string, string?>
        {
            ["Policies:Path"] = policies,
            ["Redis:Configuration"] = _redis.Configuration,
            ["Redis:FailureMode"] = failureMode,
            ["Redis:ReplicaCount"] = "3",
            ["Auth:TokenHashKey"] = SharedTokenHashKey,
        });
        _gateways.Add(gateway);
        return gateway;
    }

    private static string Policies() => TestPaths.PoliciesWith(
        ("rag", $$"""{ "team": "rag", "models": ["deepseek-v3.2"], "endpoints": ["chat"], "upstreamKey": "creds/rag-production", "limits": { "tpm": {{Tpm}} }, "maxTokens": { "default": 50, "maximum": 100 } }"""),
        ("analytics", $$"""{ "team": "analytics", "models": ["gpt-4.1"], "endpoints": ["chat"], "upstreamKey": "creds/analytics", "limits": { "tpm": {{Tpm}} }, "maxTokens": { "default": 50, "maximum": 100 } }"""));

    [Fact]
    public async Task Flood_ThreeReplicasOneRedis_AdmittedTokensStayWithinTpmAndOtherTeamsAreUntouched()
    {
        var policies = Policies();
        var replicas = new[] { await StartGatewayAsync(policies), await StartGatewayAsync(policies), await StartGatewayAsync(policies) };
        // One token per team, issued on one replica and used on all three (the token store is shared too).
        var (floodToken, _) = await replicas[0].IssueTokenAsync("rag", "flood");
        var (quietToken, _) = await replicas[1].IssueTokenAsync("analytics", "quiet");
        const string flood = "{\"model\":\"deepseek-v3.2\",\"max_tokens\":50,\"messages\":[{\"role\":\"user\",\"content\":\"flood\"}]}";
        const string quiet = "{\"model\":\"gpt-4.1\",\"max_tokens\":20,\"messages\":[{\"role\":\"user\",\"content\":\"quiet\"}]}";

        var statuses = await Task.WhenAll(Enumerable.Range(0, 300).Select(i => Task.Run(async () =>
        {
            var replica = replicas[i % 3];
            using var response = await replica.Http.SendAsync(replica.Request(HttpMethod.Post, "/v1/chat/completions", floodToken, flood));
            return response.StatusCode;
        })));
        var quietStatuses = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++)
        {
            using var response = await replicas[i % 3].Http.SendAsync(replicas[i % 3].Request(HttpMethod.Post, "/v1/chat/completions", quietToken, quiet));
            quietStatuses.Add(response.StatusCode);
        }

        var served = _simulator.ReportedUsage.Where(u => u.Model == "deepseek-v3.2").Sum(u => u.PromptTokens + u.CompletionTokens);
        var oneRequestEstimate = flood.Length / 4 + 8 + 50;
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.All(statuses, s => Assert.True(s is HttpStatusCode.OK or HttpStatusCode.TooManyRequests, $"unexpected {s}"));
        Assert.InRange(served, 1, Tpm + oneRequestEstimate);
        Assert.All(quietStatuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.All(replicas, r => Assert.Contains(r.Logs.Lines, l => l.Contains("Refused a request of team rag", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Revoke_OnReplicaA_IsRefusedByReplicasBAndCWithinASecond()
    {
        var policies = Policies();
        var replicas = new[] { await StartGatewayAsync(policies), await StartGatewayAsync(policies), await StartGatewayAsync(policies) };
        var (token, id) = await replicas[0].IssueTokenAsync("rag", "to-revoke-everywhere");
        const string body = "{\"model\":\"deepseek-v3.2\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        async Task<HttpStatusCode> Send(GatewayHost replica)
        {
            using var response = await replica.Http.SendAsync(replica.Request(HttpMethod.Post, "/v1/chat/completions", token, body));
            return response.StatusCode;
        }
        // Every replica has the token cached as active.
        foreach (var replica in replicas)
        {
            Assert.Equal(HttpStatusCode.OK, await Send(replica));
        }

        var revokedAt = System.Diagnostics.Stopwatch.GetTimestamp();
        using (var revoke = await replicas[0].Admin.DeleteAsync($"/admin/tokens/{id}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        }
        // Ask B and C until they refuse; the loop ends on the first refusal, and a one-second budget is the rule.
        var refusedAfter = new List<TimeSpan>();
        foreach (var replica in replicas[1..])
        {
            while (await Send(replica) == HttpStatusCode.OK)
            {
                Assert.True(System.Diagnostics.Stopwatch.GetElapsedTime(revokedAt) < TimeSpan.FromSeconds(5), "revocation did not reach another replica");
            }
            refusedAfter.Add(System.Diagnostics.Stopwatch.GetElapsedTime(revokedAt));
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await Send(replicas[0]));
        Assert.All(refusedAfter, t => Assert.True(t < TimeSpan.FromSeconds(1.5), $"refused only after {t.TotalMilliseconds} ms"));
    }

    [Theory]
    [InlineData("Open")]
    [InlineData("Closed")]
    public async Task RedisKilledMidTraffic_FailureModeApplies_AndLimitsReturnWithRedis(string mode)
    {
        var gateway = await StartGatewayAsync(Policies(), mode);
        var (token, _) = await gateway.IssueTokenAsync("rag", "chaos");
        const string body = "{\"model\":\"deepseek-v3.2\",\"max_tokens\":50,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        async Task<HttpStatusCode> Send()
        {
            var request = gateway.Request(HttpMethod.Post, "/v1/chat/completions", token, body);
            request.Headers.Add("x-sim-output-tokens", "50"); // each call really uses ~60 tokens: 150 calls exceed the TPM
            using var response = await gateway.Http.SendAsync(request);
            return response.StatusCode;
        }

        var before = await Send();
        await _redis.KillAsync();
        var during = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            during.Add(await Send());
        }
        var multiplexer = gateway.Services.GetRequiredService<RedisConnection>().Multiplexer;
        var restored = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        multiplexer.ConnectionRestored += (_, e) =>
        {
            // The pub/sub connection may come back first; admission needs the interactive one.
            if (e.ConnectionType == StackExchange.Redis.ConnectionType.Interactive)
            {
                restored.TrySetResult();
            }
        };
        await _redis.StartAgainAsync();
        // The multiplexer reconnects by itself; wait for its event (the timeout only guards a hang).
        await restored.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var after = await Send();
        var flood = new List<HttpStatusCode>();
        for (var i = 0; i < 150; i++)
        {
            flood.Add(await Send());
        }

        Assert.Equal(HttpStatusCode.OK, before);
        Assert.All(during, s => Assert.Equal(mode == "Open" ? HttpStatusCode.OK : HttpStatusCode.ServiceUnavailable, s));
        Assert.Equal(HttpStatusCode.OK, after);
        Assert.Contains(HttpStatusCode.TooManyRequests, flood);
        Assert.True(gateway.Logs.Contains("Redis is unavailable for rate limits; failure mode " + mode));
        Assert.True(gateway.Logs.Contains("Redis answers again"));
    }
}

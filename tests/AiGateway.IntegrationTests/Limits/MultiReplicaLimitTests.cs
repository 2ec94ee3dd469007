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
    private RedisServer _redis = null!;
    private UpstreamSimulator.UpstreamSimulator _simulator = null!;
    private readonly List<GatewayHost> _gateways = [];

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

    private async Task<GatewayHost> StartGatewayAsync(string policies, string failureMode = "Open")
    {
        var gateway = await GatewayHost.StartAsync(_simulator.BaseUrl, new Dictionary<string, string?>
        {
            ["Policies:Path"] = policies,
            ["Redis:Configuration"] = _redis.Configuration,
            ["Redis:FailureMode"] = failureMode,
            ["Redis:ReplicaCount"] = "3",
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
        var floodTokens = new List<string>();
        foreach (var replica in replicas)
        {
            floodTokens.Add((await replica.IssueTokenAsync("rag", "flood")).Token);
        }
        var quietTokens = new List<string>();
        foreach (var replica in replicas)
        {
            quietTokens.Add((await replica.IssueTokenAsync("analytics", "quiet")).Token);
        }
        const string flood = "{\"model\":\"deepseek-v3.2\",\"max_tokens\":50,\"messages\":[{\"role\":\"user\",\"content\":\"flood\"}]}";
        const string quiet = "{\"model\":\"gpt-4.1\",\"max_tokens\":20,\"messages\":[{\"role\":\"user\",\"content\":\"quiet\"}]}";

        var statuses = await Task.WhenAll(Enumerable.Range(0, 300).Select(i => Task.Run(async () =>
        {
            var replica = replicas[i % 3];
            using var response = await replica.Http.SendAsync(replica.Request(HttpMethod.Post, "/v1/chat/completions", floodTokens[i % 3], flood));
            return response.StatusCode;
        })));
        var quietStatuses = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++)
        {
            using var response = await replicas[i % 3].Http.SendAsync(replicas[i % 3].Request(HttpMethod.Post, "/v1/chat/completions", quietTokens[i % 3], quiet));
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
        multiplexer.ConnectionRestored += (_, _) => restored.TrySetResult();
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

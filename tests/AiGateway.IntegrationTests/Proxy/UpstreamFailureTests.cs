using System.ClientModel;
using System.Net;
using System.Net.Sockets;
using AiGateway.IntegrationTests.Infrastructure;
using OpenAI.Chat;

namespace AiGateway.IntegrationTests.Proxy;

/// <summary>When the upstream is down, slow or failing, callers get OpenAI-shaped 5xx errors.</summary>
public sealed class UpstreamFailureTests
{
    private const string ChatBody = "{\"model\":\"deepseek-v3.2\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    [Fact]
    public async Task Chat_UpstreamDown_Returns502ThatTheSdkParses()
    {
        var closedPort = ClosedLoopbackPort();
        await using var gateway = await GatewayHost.StartAsync(new Uri($"http://127.0.0.1:{closedPort}/v1"));
        var (token, _) = await gateway.IssueTokenAsync("rag", "upstream-down");

        var error = await Assert.ThrowsAsync<ClientResultException>(() =>
            gateway.OpenAi(token).GetChatClient("deepseek-v3.2").CompleteChatAsync([new UserChatMessage("hi")]));

        Assert.Equal(502, error.Status);
        Assert.Contains("upstream_unavailable", error.GetRawResponse()!.Content.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_UpstreamSilentLongerThanActivityTimeout_Returns504()
    {
        await using var simulator = await UpstreamSimulator.UpstreamSimulator.StartAsync(GatewayHost.SimulatorOptions());
        await using var gateway = await GatewayHost.StartAsync(simulator.BaseUrl,
            new Dictionary<string, string?> { ["Upstream:ActivityTimeoutSeconds"] = "1" });
        var (token, _) = await gateway.IssueTokenAsync("rag", "upstream-slow");
        var request = gateway.Request(HttpMethod.Post, "/v1/chat/completions", token, ChatBody);
        // Far beyond the 1 s timeout, so the outcome does not depend on scheduling luck.
        request.Headers.Add("x-sim-latency-ms", "20000");

        using var response = await gateway.Http.SendAsync(request);

        await OpenAiErrorAssert.IsErrorAsync(response, HttpStatusCode.GatewayTimeout, "upstream_timeout");
    }

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    [InlineData(429)]
    public async Task Chat_UpstreamError_IsRelayedWithItsStatusAndBody(int status)
    {
        await using var simulator = await UpstreamSimulator.UpstreamSimulator.StartAsync(GatewayHost.SimulatorOptions());
        await using var gateway = await GatewayHost.StartAsync(simulator.BaseUrl);
        var (token, _) = await gateway.IssueTokenAsync("rag", "upstream-error");
        var request = gateway.Request(HttpMethod.Post, "/v1/chat/completions", token, ChatBody);
        request.Headers.Add("x-sim-status", status.ToString(System.Globalization.CultureInfo.InvariantCulture));

        using var response = await gateway.Http.SendAsync(request);

        await OpenAiErrorAssert.IsErrorAsync(response, (HttpStatusCode)status);
    }

    [Fact]
    public async Task Chat_UpstreamRefusesTeamKey_Returns502WithoutEchoingAnyKey()
    {
        await using var simulator = await UpstreamSimulator.UpstreamSimulator.StartAsync(GatewayHost.SimulatorOptions());
        await using var gateway = await GatewayHost.StartAsync(simulator.BaseUrl);
        var (token, _) = await gateway.IssueTokenAsync("rag", "key-refused");
        var revoked = simulator.Keys.Revoke(simulator.Keys.FindId(GatewayHost.TeamKeys["creds/rag-production"])!);

        using var response = await gateway.Http.SendAsync(gateway.Request(HttpMethod.Post, "/v1/chat/completions", token, ChatBody));
        var text = await response.Content.ReadAsStringAsync();

        Assert.True(revoked);
        await OpenAiErrorAssert.IsErrorAsync(response, HttpStatusCode.BadGateway, "upstream_auth_failed");
        Assert.DoesNotContain("sk-", text, StringComparison.Ordinal);
        Assert.True(gateway.Logs.Contains("refused the key for team rag (key reference creds/rag-production"));
    }

    [Fact]
    public async Task Chat_TeamWithoutUpstreamKey_Returns503AndForwardsNothing()
    {
        await using var simulator = await UpstreamSimulator.UpstreamSimulator.StartAsync(GatewayHost.SimulatorOptions());
        var keys = Path.Combine(TestPaths.NewTempFolder("keys"), "keys.json");
        await File.WriteAllTextAsync(keys, "{\"creds/analytics\": \"sk-sim-analytics-0123456789ab\"}");
        await using var gateway = await GatewayHost.StartAsync(simulator.BaseUrl, keysFile: keys);
        var (token, _) = await gateway.IssueTokenAsync("rag", "no-key");

        using var response = await gateway.Http.SendAsync(gateway.Request(HttpMethod.Post, "/v1/chat/completions", token, ChatBody));
        using var ready = await gateway.Http.GetAsync("/readyz");

        await OpenAiErrorAssert.IsErrorAsync(response, HttpStatusCode.ServiceUnavailable, "upstream_key_unavailable");
        Assert.Empty(simulator.ReceivedRequests);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Contains("Degraded", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static int ClosedLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

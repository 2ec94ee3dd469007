using System.Net;
using AiGateway.IntegrationTests.Infrastructure;

namespace AiGateway.IntegrationTests.Proxy;

/// <summary>
/// Upstream:HttpVersion=2 speaks HTTP/2 to the upstream, also over plain http (h2c), so long-lived streams share
/// connections instead of holding one socket each. The simulator here accepts HTTP/2 only, so a request that
/// succeeds went over HTTP/2, and the default (which falls back to HTTP/1.1 without TLS) fails against it.
/// </summary>
public sealed class UpstreamHttpVersionTests
{
    private const string Chat = "{\"model\":\"deepseek-v3.2\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    private const string Stream = "{\"model\":\"deepseek-v3.2\",\"stream\":true,\"stream_options\":{\"include_usage\":true},\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    private static Task<UpstreamSimulator.UpstreamSimulator> StartHttp2OnlySimulatorAsync() =>
        UpstreamSimulator.UpstreamSimulator.StartAsync(GatewayHost.SimulatorOptions(), hostArgs: ["--Kestrel:EndpointDefaults:Protocols=Http2"]);

    [Fact]
    public async Task HttpVersion2_Http2OnlyUpstream_ChatAndStreamSucceedAndAreMetered()
    {
        await using var simulator = await StartHttp2OnlySimulatorAsync();
        await using var gateway = await GatewayHost.StartAsync(simulator.BaseUrl, new Dictionary<string, string?> { ["Upstream:HttpVersion"] = "2" });
        var (token, _) = await gateway.IssueTokenAsync("rag", "h2");

        using var chat = await gateway.Http.SendAsync(gateway.Request(HttpMethod.Post, "/v1/chat/completions", token, Chat));
        using var stream = await gateway.Http.SendAsync(gateway.Request(HttpMethod.Post, "/v1/chat/completions", token, Stream));
        var streamed = await stream.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, chat.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stream.StatusCode);
        Assert.EndsWith("data: [DONE]\n\n", streamed, StringComparison.Ordinal);
        await simulator.WaitForReportedUsageAsync(2);
        Assert.Equal(2, simulator.ReportedUsage.Count);
    }

    [Fact]
    public async Task DefaultHttpVersion_Http2OnlyUpstreamOverPlainHttp_Fails()
    {
        await using var simulator = await StartHttp2OnlySimulatorAsync();
        await using var gateway = await GatewayHost.StartAsync(simulator.BaseUrl);
        var (token, _) = await gateway.IssueTokenAsync("rag", "h1");

        using var chat = await gateway.Http.SendAsync(gateway.Request(HttpMethod.Post, "/v1/chat/completions", token, Chat));

        Assert.NotEqual(HttpStatusCode.OK, chat.StatusCode);
    }
}

using System.Net;
using AiGateway.IntegrationTests.Infrastructure;

namespace AiGateway.IntegrationTests.Proxy;

/// <summary>SSE responses are relayed as they are produced, not buffered until the end.</summary>
public sealed class StreamingRelayTests : IClassFixture<GatewayFixture>
{
    private readonly GatewayFixture _fixture;

    public StreamingRelayTests(GatewayFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task ChatStream_FirstEventReachesClientWhileUpstreamIsStillStreaming()
    {
        var gateway = _fixture.Gateway;
        var (token, _) = await gateway.IssueTokenAsync("rag", "first-byte");
        var marker = Guid.NewGuid().ToString("N");
        var request = gateway.Request(HttpMethod.Post, "/v1/chat/completions", token,
            $"{{\"model\":\"deepseek-v3.2\",\"stream\":true,\"messages\":[{{\"role\":\"user\",\"content\":\"{marker}\"}}]}}");
        // Four tokens a second apart: the upstream needs at least four seconds to finish.
        request.Headers.Add("x-sim-output-tokens", "4");
        request.Headers.Add("x-sim-chunk-delay-ms", "1000");

        using var response = await gateway.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        await using var stream = await response.Content.ReadAsStreamAsync();
        using var reader = new StreamReader(stream);
        var firstEvent = await reader.ReadLineAsync();
        var usageWhenFirstEventArrived = _fixture.Simulator.ReportedUsage.Count(u => u.Stream && u.Model == "deepseek-v3.2");
        var rest = await reader.ReadToEndAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("data: {", firstEvent, StringComparison.Ordinal);
        Assert.Equal(0, usageWhenFirstEventArrived);
        Assert.EndsWith("data: [DONE]", rest.TrimEnd(), StringComparison.Ordinal);
    }
}

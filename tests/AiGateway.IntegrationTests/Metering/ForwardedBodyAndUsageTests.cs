using System.Net;
using System.Text.Json;
using AiGateway.IntegrationTests.Infrastructure;

namespace AiGateway.IntegrationTests.Metering;

/// <summary>What the gateway changes in the forwarded body, and the usage chunk it asks for and hides.</summary>
public sealed class ForwardedBodyAndUsageTests : IClassFixture<GatewayFixture>
{
    private readonly GatewayFixture _fixture;

    public ForwardedBodyAndUsageTests(GatewayFixture fixture) => _fixture = fixture;

    private async Task<(string ClientSaw, JsonElement UpstreamBody)> SendAsync(string team, string json)
    {
        var gateway = _fixture.Gateway;
        var (token, _) = await gateway.IssueTokenAsync(team, "metering");
        var marker = Guid.NewGuid().ToString("N");
        using var response = await gateway.Http.SendAsync(gateway.Request(HttpMethod.Post, "/v1/chat/completions", token, json.Replace("MARKER", marker, StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        var seen = Assert.Single(_fixture.Simulator.ReceivedRequests, r => r.Body.Contains(marker, StringComparison.Ordinal));
        using var document = JsonDocument.Parse(seen.Body);
        return (text, document.RootElement.Clone());
    }

    [Fact]
    public async Task Chat_WithoutMaxTokens_ForwardsThePolicyDefault()
    {
        var (_, upstream) = await SendAsync("rag", """{"model":"deepseek-v3.2","messages":[{"role":"user","content":"MARKER"}]}""");

        Assert.Equal(512, upstream.GetProperty("max_tokens").GetInt32());
    }

    [Fact]
    public async Task Chat_MaxTokensAboveMaximum_ClampPolicy_ForwardsTheMaximum()
    {
        var (_, upstream) = await SendAsync("customer-service", """{"model":"gemini-2.5-flash","max_tokens":9000,"messages":[{"role":"user","content":"MARKER"}]}""");

        Assert.Equal(2048, upstream.GetProperty("max_tokens").GetInt32());
    }

    [Fact]
    public async Task Stream_ClientDidNotAskForUsage_UpstreamIsAskedAndTheChunkIsHidden()
    {
        var (client, upstream) = await SendAsync("rag", """{"model":"deepseek-v3.2","stream":true,"messages":[{"role":"user","content":"MARKER"}]}""");

        Assert.True(upstream.GetProperty("stream_options").GetProperty("include_usage").GetBoolean());
        Assert.DoesNotContain("\"prompt_tokens\"", client, StringComparison.Ordinal);
        Assert.EndsWith("data: [DONE]", client.TrimEnd(), StringComparison.Ordinal);
        Assert.Contains("\"delta\"", client, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stream_ClientAskedForUsage_KeepsTheUsageChunk()
    {
        var (client, _) = await SendAsync("rag", """{"model":"deepseek-v3.2","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"MARKER"}]}""");

        Assert.Contains("\"prompt_tokens\"", client, StringComparison.Ordinal);
    }
}

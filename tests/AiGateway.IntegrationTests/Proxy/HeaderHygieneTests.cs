using System.Net;
using AiGateway.IntegrationTests.Infrastructure;

namespace AiGateway.IntegrationTests.Proxy;

/// <summary>Callers cannot pass credentials, account selectors or gateway-internal headers to the upstream.</summary>
public sealed class HeaderHygieneTests : IClassFixture<GatewayFixture>
{
    private readonly GatewayFixture _fixture;

    public HeaderHygieneTests(GatewayFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task Chat_CallerSendsCredentialAndInternalHeaders_UpstreamSeesOnlyTheTeamKey()
    {
        var gateway = _fixture.Gateway;
        var (token, _) = await gateway.IssueTokenAsync("analytics", "headers");
        var marker = Guid.NewGuid().ToString("N");
        var request = gateway.Request(HttpMethod.Post, "/v1/chat/completions", token,
            $"{{\"model\":\"gpt-4.1\",\"messages\":[{{\"role\":\"user\",\"content\":\"{marker}\"}}]}}");
        request.Headers.Add("OpenAI-Organization", "org-caller");
        request.Headers.Add("OpenAI-Project", "proj-caller");
        request.Headers.Add("Cookie", "session=caller");
        request.Headers.Add("x-api-key", "sk-caller-chosen");
        request.Headers.Add("x-aigw-team", "rag");
        request.Headers.Add("X-Stainless-Retry-Count", "0");
        request.Headers.Host = "evil.example";

        using var response = await gateway.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var seen = Assert.Single(_fixture.Simulator.ReceivedRequests, r => r.Body.Contains(marker, StringComparison.Ordinal));
        foreach (var stripped in new[] { "openai-organization", "openai-project", "cookie", "x-api-key", "x-aigw-team", "x-forwarded-for", "x-forwarded-host", "x-forwarded-proto" })
        {
            Assert.False(seen.Headers.ContainsKey(stripped), $"{stripped} reached the upstream");
        }
        Assert.Equal("0", seen.Headers["x-stainless-retry-count"]);
        Assert.Equal(_fixture.Simulator.RootUrl.Authority, seen.Headers["host"]);
        Assert.Equal($"Bearer {GatewayHost.TeamKeys["creds/analytics"]}", seen.Headers["authorization"]);
    }

    [Fact]
    public async Task LegacyCompletions_AllowedTeam_IsProxied()
    {
        var gateway = _fixture.Gateway;
        var (token, _) = await gateway.IssueTokenAsync("analytics", "legacy");

        using var response = await gateway.Http.SendAsync(gateway.Request(HttpMethod.Post, "/v1/completions", token,
            "{\"model\":\"gpt-4.1\",\"prompt\":\"Once upon a time\",\"max_tokens\":5}"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("text_completion", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

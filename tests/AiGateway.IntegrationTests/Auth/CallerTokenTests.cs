using System.ClientModel;
using System.Net;
using System.Net.Http.Headers;
using AiGateway.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using OpenAI.Chat;

namespace AiGateway.IntegrationTests.Auth;

/// <summary>Caller tokens through the real proxy: every refusal is a 401/403 the SDK parses.</summary>
public sealed class CallerTokenTests : IClassFixture<GatewayFixture>
{
    private const string ChatBody = "{\"model\":\"deepseek-v3.2\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    private readonly GatewayFixture _fixture;

    public CallerTokenTests(GatewayFixture fixture) => _fixture = fixture;

    private GatewayHost Gateway => _fixture.Gateway;

    [Fact]
    public async Task Chat_NoCredential_Returns401()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = new StringContent(ChatBody) };

        using var response = await Gateway.Http.SendAsync(request);

        var error = await OpenAiErrorAssert.IsErrorAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("didn't provide an API key", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sk-not-a-gateway-token")]
    [InlineData("aigw_000000000000000000000000000000000000")]
    [InlineData("aigw_ZOq0lZTHBZsN4xW3QywongCSTbExFp4KwOIM")]
    public async Task Chat_UnknownOrMalformedToken_Returns401InvalidApiKeyWithoutEchoingIt(string token)
    {
        var client = Gateway.OpenAi(token).GetChatClient("deepseek-v3.2");

        var error = await Assert.ThrowsAsync<ClientResultException>(() => client.CompleteChatAsync([new UserChatMessage("hi")]));

        Assert.Equal(401, error.Status);
        var body = error.GetRawResponse()!.Content.ToString();
        Assert.Contains("invalid_api_key", body, StringComparison.Ordinal);
        Assert.DoesNotContain(token, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_ApiKeyHeader_IsAcceptedAndStripped()
    {
        var (token, _) = await Gateway.IssueTokenAsync("rag", "azure-style");
        var marker = Guid.NewGuid().ToString("N");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = new StringContent(ChatBody.Replace("hi", marker, StringComparison.Ordinal), MediaTypeHeaderValue.Parse("application/json")),
        };
        request.Headers.Add("api-key", token);

        using var response = await Gateway.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var seen = Assert.Single(_fixture.Simulator.ReceivedRequests, r => r.Body.Contains(marker, StringComparison.Ordinal));
        Assert.False(seen.Headers.ContainsKey("api-key"));
        Assert.Equal(GatewayHost.TeamKeys["creds/rag-production"], seen.ApiKey);
    }

    [Fact]
    public async Task Chat_RevokedToken_Returns401AtOnce()
    {
        var (token, id) = await Gateway.IssueTokenAsync("rag", "to-revoke");
        using var before = await Gateway.Http.SendAsync(Gateway.Request(HttpMethod.Post, "/v1/chat/completions", token, ChatBody));

        using var revoke = await Gateway.Admin.DeleteAsync($"/admin/tokens/{id}");
        using var after = await Gateway.Http.SendAsync(Gateway.Request(HttpMethod.Post, "/v1/chat/completions", token, ChatBody));

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        var error = await OpenAiErrorAssert.IsErrorAsync(after, HttpStatusCode.Unauthorized, "invalid_api_key");
        Assert.Contains("revoked", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_SuspendedThenReinstatedToken_Returns403ThenWorks()
    {
        var (token, id) = await Gateway.IssueTokenAsync("rag", "to-suspend");

        using var suspend = await Gateway.Admin.PostAsync($"/admin/tokens/{id}/suspend", null);
        using var whileSuspended = await Gateway.Http.SendAsync(Gateway.Request(HttpMethod.Post, "/v1/chat/completions", token, ChatBody));
        using var reinstate = await Gateway.Admin.PostAsync($"/admin/tokens/{id}/reinstate", null);
        using var afterwards = await Gateway.Http.SendAsync(Gateway.Request(HttpMethod.Post, "/v1/chat/completions", token, ChatBody));

        Assert.Equal(HttpStatusCode.OK, suspend.StatusCode);
        await OpenAiErrorAssert.IsErrorAsync(whileSuspended, HttpStatusCode.Forbidden, "token_suspended");
        Assert.Equal("false", whileSuspended.Headers.GetValues("x-should-retry").Single());
        Assert.Equal(HttpStatusCode.OK, reinstate.StatusCode);
        Assert.Equal(HttpStatusCode.OK, afterwards.StatusCode);
    }

    [Fact]
    public async Task Chat_ExpiredToken_Returns401()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var gateway = await GatewayHost.StartAsync(_fixture.Simulator.BaseUrl,
            services: s => s.AddSingleton<TimeProvider>(time));
        var (token, _) = await gateway.IssueTokenAsync("rag", "short-lived", expiresInDays: 1);

        using var fresh = await gateway.Http.SendAsync(gateway.Request(HttpMethod.Post, "/v1/chat/completions", token, ChatBody));
        time.Advance(TimeSpan.FromDays(1) + TimeSpan.FromSeconds(1));
        using var expired = await gateway.Http.SendAsync(gateway.Request(HttpMethod.Post, "/v1/chat/completions", token, ChatBody));

        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        var error = await OpenAiErrorAssert.IsErrorAsync(expired, HttpStatusCode.Unauthorized, "invalid_api_key");
        Assert.Contains("expired", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restart_SameDataFolder_IssuedTokensKeepWorkingAndRevocationsStick()
    {
        var data = TestPaths.NewTempFolder("restart");
        string kept, revoked;
        await using (var first = await GatewayHost.StartAsync(_fixture.Simulator.BaseUrl, dataPath: data))
        {
            (kept, _) = await first.IssueTokenAsync("analytics", "survives-restart");
            string revokedId;
            (revoked, revokedId) = await first.IssueTokenAsync("analytics", "revoked-before-restart");
            (await first.Admin.DeleteAsync($"/admin/tokens/{revokedId}")).Dispose();
        }

        await using var second = await GatewayHost.StartAsync(_fixture.Simulator.BaseUrl, dataPath: data);
        var body = ChatBody.Replace("deepseek-v3.2", "gpt-4.1", StringComparison.Ordinal);
        using var keptResponse = await second.Http.SendAsync(second.Request(HttpMethod.Post, "/v1/chat/completions", kept, body));
        using var revokedResponse = await second.Http.SendAsync(second.Request(HttpMethod.Post, "/v1/chat/completions", revoked, body));

        Assert.Equal(HttpStatusCode.OK, keptResponse.StatusCode);
        await OpenAiErrorAssert.IsErrorAsync(revokedResponse, HttpStatusCode.Unauthorized, "invalid_api_key");
        Assert.DoesNotContain(kept, await File.ReadAllTextAsync(Path.Combine(data, "tokens.json")), StringComparison.Ordinal);
    }
}

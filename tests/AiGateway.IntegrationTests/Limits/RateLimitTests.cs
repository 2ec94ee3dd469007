using System.ClientModel;
using System.Net;
using System.Text.Json;
using AiGateway.IntegrationTests.Infrastructure;
using OpenAI.Chat;

namespace AiGateway.IntegrationTests.Limits;

/// <summary>TPM/RPM admission through the real proxy on the embedded store: 429s SDKs understand, headers, output caps.</summary>
public sealed class RateLimitTests
{
    private static string Team(string limits, string maxTokens = "{ \"default\": 100, \"maximum\": 200, \"overMaximum\": \"reject\" }") => $$"""
        { "team": "rag", "models": ["deepseek-v3.2"], "endpoints": ["chat", "models"], "upstreamKey": "creds/rag-production",
          "limits": {{limits}}, "maxTokens": {{maxTokens}} }
        """;

    private static async Task<(UpstreamSimulator.UpstreamSimulator, GatewayHost)> StartAsync(string teamJson)
    {
        var simulator = await UpstreamSimulator.UpstreamSimulator.StartAsync(GatewayHost.SimulatorOptions());
        var gateway = await GatewayHost.StartAsync(simulator.BaseUrl, new Dictionary<string, string?> { ["Policies:Path"] = TestPaths.PoliciesWith(("rag", teamJson)) });
        return (simulator, gateway);
    }

    private static string Chat(int? maxTokens = null) =>
        "{\"model\":\"deepseek-v3.2\"" + (maxTokens is { } m ? $",\"max_tokens\":{m}" : "") + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    [Fact]
    public async Task Chat_OverRpm_Returns429RequestsWithRetryAfterAndRateLimitHeaders()
    {
        var (simulator, gateway) = await StartAsync(Team("{ \"rpm\": 2 }"));
        await using var _ = simulator;
        await using var __ = gateway;
        var (token, _) = await gateway.IssueTokenAsync("rag", "rpm");

        using var first = await gateway.Http.SendAsync(gateway.Request(HttpMethod.Post, "/v1/chat/completions", token, Chat()));
        using var second = await gateway.Http.SendAsync(gateway.Request(HttpMethod.Post, "/v1/chat/completions", token, Chat()));
        using var third = await gateway.Http.SendAsync(gateway.Request(HttpMethod.Post, "/v1/chat/completions", token, Chat()));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("2", first.Headers.GetValues("x-ratelimit-limit-requests").Single());
        Assert.Equal("1", first.Headers.GetValues("x-ratelimit-remaining-requests").Single());
        Assert.EndsWith("s", first.Headers.GetValues("x-ratelimit-reset-requests").Single(), StringComparison.Ordinal);
        Assert.False(first.Headers.Contains("x-ratelimit-limit-tokens"));
        Assert.Equal("0", second.Headers.GetValues("x-ratelimit-remaining-requests").Single());
        var error = await OpenAiErrorAssert.IsErrorAsync(third, HttpStatusCode.TooManyRequests, "rate_limit_exceeded");
        Assert.Equal("requests", error.GetProperty("type").GetString());
        Assert.InRange(int.Parse(third.Headers.GetValues("retry-after").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 60);
        Assert.InRange(int.Parse(third.Headers.GetValues("retry-after-ms").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 60_000);
        Assert.Equal(2, simulator.ReceivedRequests.Count);
    }

    [Fact]
    public async Task Chat_OverTpm_Returns429TokensThatTheSdkRaises()
    {
        var (simulator, gateway) = await StartAsync(Team("{ \"tpm\": 300 }"));
        await using var _ = simulator;
        await using var __ = gateway;
        var (token, _) = await gateway.IssueTokenAsync("rag", "tpm");
        var chat = gateway.OpenAi(token).GetChatClient("deepseek-v3.2");

        // The first call really uses its full output cap, so the reconciled window keeps ~160 of 300 tokens.
        var first = gateway.Request(HttpMethod.Post, "/v1/chat/completions", token, Chat(maxTokens: 150));
        first.Headers.Add("x-sim-output-tokens", "150");
        using var firstResponse = await gateway.Http.SendAsync(first);
        Assert.Equal(HttpStatusCode.OK, firstResponse.StatusCode);
        var error = await Assert.ThrowsAsync<ClientResultException>(() =>
            chat.CompleteChatAsync([new UserChatMessage("hi")], new ChatCompletionOptions { MaxOutputTokenCount = 150 }));

        Assert.Equal(429, error.Status);
        using var body = JsonDocument.Parse(error.GetRawResponse()!.Content.ToString());
        Assert.Equal("tokens", body.RootElement.GetProperty("error").GetProperty("type").GetString());
        Assert.Contains("tokens per min (TPM): Limit 300", body.RootElement.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.True(error.GetRawResponse()!.Headers.TryGetValue("retry-after", out var retryAfter) && retryAfter is not null);
    }

    [Fact]
    public async Task Chat_RequestLargerThanTpm_Returns429MarkedNotRetryable()
    {
        var (simulator, gateway) = await StartAsync(Team("{ \"tpm\": 100 }", "{ \"default\": 100, \"maximum\": 500 }"));
        await using var _ = simulator;
        await using var __ = gateway;
        var (token, _) = await gateway.IssueTokenAsync("rag", "too-large");
        // SDK retries left on: the Python and Node SDKs stop on x-should-retry: false; the .NET SDK's
        // ClientRetryPolicy retries 429 regardless, so only the header is pinned here.
        var client = new OpenAI.OpenAIClient(new ApiKeyCredential(token), new OpenAI.OpenAIClientOptions { Endpoint = new Uri(gateway.ProxyUrl, "/v1") });

        var error = await Assert.ThrowsAsync<ClientResultException>(() => client.GetChatClient("deepseek-v3.2")
            .CompleteChatAsync([new UserChatMessage("hi")], new ChatCompletionOptions { MaxOutputTokenCount = 400 }));

        Assert.Equal(429, error.Status);
        Assert.Contains("Request too large", error.Message, StringComparison.Ordinal);
        Assert.True(error.GetRawResponse()!.Headers.TryGetValue("x-should-retry", out var shouldRetry) && shouldRetry == "false");
        Assert.False(error.GetRawResponse()!.Headers.TryGetValue("retry-after", out var retryAfter) && retryAfter is not null);
        Assert.Empty(simulator.ReceivedRequests);
    }

    [Fact]
    public async Task Chat_MaxTokensAboveMaximum_RejectOr_Clamp()
    {
        var (simulator, gateway) = await StartAsync(Team("{ \"tpm\": 100000 }"));
        await using var _ = simulator;
        await using var __ = gateway;
        var (token, _) = await gateway.IssueTokenAsync("rag", "caps");

        using var over = await gateway.Http.SendAsync(gateway.Request(HttpMethod.Post, "/v1/chat/completions", token, Chat(maxTokens: 201)));
        using var within = await gateway.Http.SendAsync(gateway.Request(HttpMethod.Post, "/v1/chat/completions", token, Chat(maxTokens: 200)));

        await OpenAiErrorAssert.IsErrorAsync(over, HttpStatusCode.BadRequest, "max_tokens_too_large", "max_tokens");
        Assert.Equal(HttpStatusCode.OK, within.StatusCode);
        // The reservation covers the prompt estimate plus the full output cap of 200.
        Assert.InRange(long.Parse(within.Headers.GetValues("x-ratelimit-remaining-tokens").Single(), System.Globalization.CultureInfo.InvariantCulture), 0, 99_800);
    }

    [Fact]
    public async Task Chat_UpstreamRateLimitHeaders_AreReplacedByTheGatewaysOwn()
    {
        var (simulator, gateway) = await StartAsync(Team("{ \"rpm\": 50 }"));
        await using var _ = simulator;
        await using var __ = gateway;
        var (token, _) = await gateway.IssueTokenAsync("rag", "headers");

        using var response = await gateway.Http.SendAsync(gateway.Request(HttpMethod.Post, "/v1/chat/completions", token, Chat()));

        Assert.Equal(["50"], response.Headers.GetValues("x-ratelimit-limit-requests"));
        Assert.Equal(["49"], response.Headers.GetValues("x-ratelimit-remaining-requests"));
    }
}

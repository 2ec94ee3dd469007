using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace AiGateway.UpstreamSimulator.Tests;

public sealed class FailureInjectionTests : SimulatorTestBase
{
    private const string ChatBody = """{"model":"gpt-4.1","messages":[{"role":"user","content":"Hi"}]}""";

    [Theory]
    [InlineData(400, "invalid_request_error", null)]
    [InlineData(401, "invalid_request_error", "invalid_api_key")]
    [InlineData(429, "requests", "rate_limit_exceeded")]
    [InlineData(500, "server_error", null)]
    [InlineData(503, "server_error", "service_unavailable")]
    public async Task ChatCompletions_SimStatusHeader_ReturnsOpenAiErrorOfThatStatus(int status, string type, string? code)
    {
        using var response = await PostJsonAsync("/v1/chat/completions", ChatBody, DefaultKey, ("x-sim-status", status.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Equal((HttpStatusCode)status, response.StatusCode);
        Assert.True(response.Headers.Contains("x-request-id"));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var error = json.RootElement.GetProperty("error");
        Assert.Equal(type, error.GetProperty("type").GetString());
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.Equal(JsonValueKind.Null, error.GetProperty("param").ValueKind);
        Assert.Empty(Sim.ReportedUsage);
    }

    [Fact]
    public async Task Embeddings_SimStatus429WithRetryAfter_SendsRateLimitHeaders()
    {
        using var response = await PostJsonAsync(
            "/v1/embeddings", """{"model":"text-embedding-3-small","input":"x"}""", DefaultKey, ("x-sim-status", "429"), ("x-sim-retry-after", "2"));

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("2", Assert.Single(response.Headers.GetValues("retry-after")));
        Assert.Equal("0", Assert.Single(response.Headers.GetValues("x-ratelimit-remaining-requests")));
    }

    [Fact]
    public async Task ChatCompletions_SimStatusWithBadKey_AuthenticationWins()
    {
        using var response = await PostJsonAsync("/v1/chat/completions", ChatBody, "sk-wrong-key-000", ("x-sim-status", "500"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("x-sim-status", "200")]
    [InlineData("x-sim-status", "teapot")]
    [InlineData("x-sim-latency-ms", "-5")]
    [InlineData("x-sim-output-tokens", "many")]
    public async Task ChatCompletions_InvalidSimHeader_Returns400NamingTheHeader(string header, string value)
    {
        using var response = await PostJsonAsync("/v1/chat/completions", ChatBody, DefaultKey, (header, value));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(header, json.RootElement.GetProperty("error").GetProperty("param").GetString());
    }

    [Fact]
    public async Task ChatCompletions_SimOutputTokensHeader_OverridesOptions()
    {
        using var response = await PostJsonAsync("/v1/chat/completions", ChatBody, DefaultKey, ("x-sim-output-tokens", "5"));

        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var content = json.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()!;
        Assert.Equal(5, json.RootElement.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
        Assert.Equal(5, Tokens.Count(content));
    }

    [Fact]
    public async Task ChatCompletions_SimLatencyHeader_DelaysTheResponse()
    {
        var stopwatch = Stopwatch.StartNew();

        using var response = await PostJsonAsync("/v1/chat/completions", ChatBody, DefaultKey, ("x-sim-latency-ms", "150"));

        // Lower bound only: the delay guarantees it, while an upper bound would be flaky on a busy machine.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(stopwatch.ElapsedMilliseconds >= 140, $"elapsed {stopwatch.ElapsedMilliseconds} ms");
    }
}

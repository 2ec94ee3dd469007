using System.Net;
using AiGateway.IntegrationTests.Infrastructure;

namespace AiGateway.IntegrationTests.Telemetry;

/// <summary>
/// Real traffic through a real gateway, then <c>GET /metrics</c> scraped from the admin listener as Prometheus would:
/// the exported names and labels are the ones deploy/prometheus/metric-names.txt promises, and the numbers add up.
/// </summary>
public sealed class MetricsEndpointTests
{
    /// <summary>The series this part of the gateway exports; the rest of metric-names.txt belongs to Spend.</summary>
    private static readonly string[] Owned =
    [
        "aigw_requests_total", "aigw_rejections_total", "aigw_gateway_overhead_seconds", "aigw_upstream_duration_seconds",
        "aigw_tokens_total", "aigw_spend_microdollars_total", "aigw_redis_errors_total", "aigw_vault_refreshes_total",
    ];

    /// <summary>Analytics limited to one request a minute, so its second request gets a 429.</summary>
    private const string AnalyticsOneRpm = """
        { "team": "analytics", "models": ["deepseek-v3.2"], "endpoints": ["chat"], "upstreamKey": "creds/analytics",
          "limits": { "rpm": 1 }, "maxTokens": { "default": 64, "maximum": 256, "overMaximum": "reject" } }
        """;

    private const string Chat = """{"model":"deepseek-v3.2","messages":[{"role":"user","content":"Count the telemetry."}]}""";
    private const string StreamingChat = """{"model":"deepseek-v3.2","stream":true,"messages":[{"role":"user","content":"Stream it."}]}""";
    private const string Embedding = """{"model":"text-embedding-3-small","input":"embed these words please"}""";
    private const string DisallowedModel = """{"model":"gpt-4.1","messages":[{"role":"user","content":"hi"}]}""";

    private sealed record Traffic(UpstreamSimulator.UpstreamSimulator Simulator, GatewayHost Gateway, PrometheusScrape Scrape,
        List<string> Secrets, Dictionary<string, HttpResponseMessage> Responses) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            foreach (var response in Responses.Values)
            {
                response.Dispose();
            }
            await Gateway.DisposeAsync();
            await Simulator.DisposeAsync();
        }
    }

    private static async Task<Traffic> SendMixedTrafficAsync()
    {
        var simulator = await UpstreamSimulator.UpstreamSimulator.StartAsync(GatewayHost.SimulatorOptions());
        var gateway = await GatewayHost.StartAsync(simulator.BaseUrl,
            new Dictionary<string, string?> { ["Policies:Path"] = TestPaths.PoliciesWith(("analytics", AnalyticsOneRpm)) });
        var (rag, _) = await gateway.IssueTokenAsync("rag", "metrics");
        var (analytics, _) = await gateway.IssueTokenAsync("analytics", "metrics");
        using var recorded = new RequestsRecorded(gateway.Services);
        var responses = new Dictionary<string, HttpResponseMessage>();

        async Task Send(string name, HttpMethod method, string path, string token, string? json)
        {
            var response = await gateway.Http.SendAsync(gateway.Request(method, path, token, json));
            await response.Content.LoadIntoBufferAsync(); // streams are read to their end
            responses[name] = response;
        }

        await Send("chat", HttpMethod.Post, "/v1/chat/completions", rag, Chat);
        await Send("stream", HttpMethod.Post, "/v1/chat/completions", rag, StreamingChat);
        await Send("embeddings", HttpMethod.Post, "/v1/embeddings", rag, Embedding);
        await Send("models", HttpMethod.Get, "/v1/models", rag, null);
        await Send("unauthenticated", HttpMethod.Post, "/v1/chat/completions", "aigw_not-a-real-token", Chat);
        await Send("disallowed", HttpMethod.Post, "/v1/chat/completions", rag, DisallowedModel);
        await Send("analytics", HttpMethod.Post, "/v1/chat/completions", analytics, Chat);
        await Send("limited", HttpMethod.Post, "/v1/chat/completions", analytics, Chat);
        await recorded.WaitForAsync(responses.Count);

        using var scraper = new HttpClient { BaseAddress = gateway.AdminUrl }; // no credentials: Prometheus sends none
        using var metrics = await scraper.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        Assert.Equal("text/plain", metrics.Content.Headers.ContentType?.MediaType);
        var scrape = PrometheusScrape.Parse(await metrics.Content.ReadAsStringAsync());
        return new Traffic(simulator, gateway, scrape, [.. GatewayHost.TeamKeys.Values, GatewayHost.AdminToken, rag, analytics], responses);
    }

    [Fact]
    public async Task Scrape_MixedTraffic_EveryOwnedSeriesExportedWithItsContractLabels()
    {
        await using var traffic = await SendMixedTrafficAsync();
        var scrape = traffic.Scrape;

        foreach (var contract in MetricContract.Load().Where(c => Owned.Contains(c.Name)))
        {
            var samples = contract.Type == "histogram"
                ? scrape.Named(contract.Name + "_count").ToList()
                : scrape.Named(contract.Name).ToList();
            if (contract.Name == "aigw_spend_microdollars_total" && samples.Count == 0)
            {
                // Only priced requests add spend; Scrape_PricedRequests_SpendEqualsTheAuditedCost holds it to the audit trail.
                continue;
            }
            Assert.True(samples.Count > 0, $"{contract.Name} is not exported");
            Assert.All(samples, s => Assert.Equal(contract.Labels.Order(), s.Labels.Keys.Order()));
        }
        Assert.Equal(Owned.Length, MetricContract.Load().Count(c => Owned.Contains(c.Name)));
        var bucketLabels = scrape.Named("aigw_gateway_overhead_seconds_bucket").First().Labels.Keys.Order();
        Assert.Equal(["le", "model", "team"], bucketLabels);
    }

    [Fact]
    public async Task Scrape_MixedTraffic_RequestsCountedByTeamModelEndpointAndStatus()
    {
        await using var traffic = await SendMixedTrafficAsync();
        var scrape = traffic.Scrape;

        Assert.Equal(8, scrape.Sum("aigw_requests_total"));
        Assert.Equal(2, scrape.Sum("aigw_requests_total", ("team", "rag"), ("model", "deepseek-v3.2"), ("endpoint", "chat"), ("status_code", "200")));
        Assert.Equal(1, scrape.Sum("aigw_requests_total", ("team", "rag"), ("model", "text-embedding-3-small"), ("endpoint", "embeddings"), ("status_code", "200")));
        Assert.Equal(1, scrape.Sum("aigw_requests_total", ("team", "rag"), ("model", "unknown"), ("endpoint", "models"), ("status_code", "200")));
        Assert.Equal(1, scrape.Sum("aigw_requests_total", ("team", "unknown"), ("model", "unknown"), ("endpoint", "chat"), ("status_code", "401")));
        Assert.Equal(1, scrape.Sum("aigw_requests_total", ("team", "rag"), ("model", "other"), ("endpoint", "chat"), ("status_code", "403")));
        Assert.Equal(1, scrape.Sum("aigw_requests_total", ("team", "analytics"), ("model", "deepseek-v3.2"), ("status_code", "200")));
        Assert.Equal(1, scrape.Sum("aigw_requests_total", ("team", "analytics"), ("model", "deepseek-v3.2"), ("status_code", "429")));
    }

    [Fact]
    public async Task Scrape_MixedTraffic_RejectionsCarryTheGatewayErrorCode()
    {
        await using var traffic = await SendMixedTrafficAsync();
        var scrape = traffic.Scrape;

        Assert.Equal(HttpStatusCode.TooManyRequests, traffic.Responses["limited"].StatusCode);
        Assert.Equal(3, scrape.Sum("aigw_rejections_total"));
        Assert.Equal(1, scrape.Sum("aigw_rejections_total", ("team", "unknown"), ("model", "unknown"), ("reason", "invalid_api_key")));
        Assert.Equal(1, scrape.Sum("aigw_rejections_total", ("team", "rag"), ("model", "other"), ("reason", "model_not_allowed")));
        Assert.Equal(1, scrape.Sum("aigw_rejections_total", ("team", "analytics"), ("model", "deepseek-v3.2"), ("reason", "rate_limit_exceeded")));
    }

    [Fact]
    public async Task Scrape_MixedTraffic_TokensEqualTheUsageTheUpstreamReported()
    {
        await using var traffic = await SendMixedTrafficAsync();
        var scrape = traffic.Scrape;
        var reported = traffic.Simulator.ReportedUsage;

        Assert.Equal(4, reported.Count); // chat, stream, embeddings, analytics' admitted chat
        Assert.Equal(reported.Sum(u => u.PromptTokens), scrape.Sum("aigw_tokens_total", ("type", "input")));
        Assert.Equal(reported.Sum(u => u.CompletionTokens), scrape.Sum("aigw_tokens_total", ("type", "output")));
        Assert.Equal(reported.Where(u => u.Model == "text-embedding-3-small").Sum(u => u.PromptTokens),
            scrape.Sum("aigw_tokens_total", ("model", "text-embedding-3-small"), ("type", "input")));
        Assert.True(scrape.Sum("aigw_tokens_total", ("team", "rag"), ("type", "output")) > 0);
    }

    [Fact]
    public async Task Scrape_MixedTraffic_OverheadForEveryRequestUpstreamTimeForForwardedOnes()
    {
        await using var traffic = await SendMixedTrafficAsync();
        var scrape = traffic.Scrape;

        Assert.Equal(8, scrape.Sum("aigw_gateway_overhead_seconds_count"));
        Assert.Equal(5, scrape.Sum("aigw_upstream_duration_seconds_count")); // the four that reached the simulator, and the model list
        Assert.Equal(3, scrape.Sum("aigw_upstream_duration_seconds_count", ("team", "rag"), ("model", "deepseek-v3.2")) +
            scrape.Sum("aigw_upstream_duration_seconds_count", ("team", "rag"), ("model", "text-embedding-3-small")));
        Assert.True(scrape.Sum("aigw_upstream_duration_seconds_sum") > 0);
        Assert.Equal(8, scrape.Sum("aigw_gateway_overhead_seconds_bucket", ("le", "+Inf")));
        Assert.Contains(scrape.Named("aigw_gateway_overhead_seconds_bucket"), s => s.Labels["le"] == "0.0001");
    }

    [Fact]
    public async Task Scrape_NoRedisNoVault_TheirCountersExportedAtZero()
    {
        await using var traffic = await SendMixedTrafficAsync();
        var scrape = traffic.Scrape;

        Assert.Equal(["admission", "reconcile", "token_admin", "token_lookup"], scrape.Named("aigw_redis_errors_total").Select(s => s.Labels["operation"]).Order());
        Assert.Equal(0, scrape.Sum("aigw_redis_errors_total"));
        Assert.Equal(["failure", "success"], scrape.Named("aigw_vault_refreshes_total").Select(s => s.Labels["outcome"]).Order());
        Assert.Equal(0, scrape.Sum("aigw_vault_refreshes_total"));
    }

    [Fact]
    public async Task Scrape_PricedRequests_SpendEqualsTheAuditedCost()
    {
        await using var traffic = await SendMixedTrafficAsync();

        var audited = traffic.Gateway.Logs.Lines
            .Where(l => l.Contains("AiGateway.Audit[9001]", StringComparison.Ordinal))
            .Select(l => System.Text.RegularExpressions.Regex.Match(l, @" cost_micros=(\d+) "))
            .Where(m => m.Success)
            .Sum(m => long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(audited, traffic.Scrape.Sum("aigw_spend_microdollars_total"));
    }

    [Fact]
    public async Task Scrape_MixedTraffic_NoSecretInTheExposition()
    {
        await using var traffic = await SendMixedTrafficAsync();

        Assert.NotEmpty(traffic.Scrape.Samples);
        Assert.All(traffic.Secrets, secret => Assert.DoesNotContain(secret, traffic.Scrape.Text, StringComparison.Ordinal));
        Assert.DoesNotContain("aigw_not-a-real-token", traffic.Scrape.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Responses_OncePastAuthentication_CarryTheirRequestId()
    {
        await using var traffic = await SendMixedTrafficAsync();

        var ids = new[] { "chat", "stream", "embeddings", "models", "disallowed", "analytics", "limited" }
            .Select(name => Assert.Single(traffic.Responses[name].Headers.GetValues("x-aigw-request-id")))
            .ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(ids, id => Assert.False(string.IsNullOrWhiteSpace(id)));
        Assert.False(traffic.Responses["unauthenticated"].Headers.Contains("x-aigw-request-id"));
    }

    [Fact]
    public async Task Metrics_OnTheProxyListener_NotFound()
    {
        await using var simulator = await UpstreamSimulator.UpstreamSimulator.StartAsync(GatewayHost.SimulatorOptions());
        await using var gateway = await GatewayHost.StartAsync(simulator.BaseUrl);

        using var response = await gateway.Http.GetAsync("/metrics");

        await OpenAiErrorAssert.IsErrorAsync(response, HttpStatusCode.NotFound, "unknown_url");
    }
}

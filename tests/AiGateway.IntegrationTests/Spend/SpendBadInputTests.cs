using System.ClientModel;
using System.Net;
using System.Text;
using AiGateway.IntegrationTests.Infrastructure;
using OpenAI.Chat;
using static AiGateway.IntegrationTests.Spend.SpendTestKit;

namespace AiGateway.IntegrationTests.Spend;

/// <summary>
/// Requests the gateway refuses — malformed or mistyped bodies, a model the team may name but that has no
/// price, a model the team may not use, a revoked token, a body over the limit — each get an OpenAI-shaped
/// error, never reach the upstream, and leave the ledger, the spend API, the budgets and the spend and token
/// counters exactly as they were.
/// </summary>
public sealed class SpendBadInputTests : IAsyncLifetime
{
    private UpstreamSimulator.UpstreamSimulator _simulator = null!;
    private GatewayHost _gateway = null!;

    public async Task InitializeAsync()
    {
        _simulator = await UpstreamSimulator.UpstreamSimulator.StartAsync(GatewayHost.SimulatorOptions());
        _gateway = await GatewayHost.StartAsync(_simulator.BaseUrl, new Dictionary<string, string?>
        {
            // Shipped policies with their budgets and breakers: spend admission runs for every priced request.
            ["Policies:Path"] = TestPaths.CopyOfShippedPolicies(),
            ["Gateway:MaxRequestBodyBytes"] = "4096",
        });
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _simulator.DisposeAsync();
    }

    private sealed record Snapshot(string Ledger, string Spend, string SpendCsv, string Budgets, Dictionary<string, long> SpendMetric, Dictionary<string, long> TokenMetric, int UpstreamRequests);

    private async Task<Snapshot> SnapshotAsync(long requestsSoFar)
    {
        // Counted last by the outermost middleware: once it shows every request, each one's settlement is done.
        var samples = await MetricsWhenRequestsAsync(_gateway, requestsSoFar);
        return new Snapshot(
            await GetTextAsync(_gateway, $"/admin/ledger?{Days}"),
            await GetTextAsync(_gateway, $"/admin/spend?{Days}&groupBy=team,app,model,day,token"),
            await GetTextAsync(_gateway, $"/admin/spend?{Days}&groupBy=team,model&format=csv"),
            await GetTextAsync(_gateway, "/admin/budgets"),
            SumBy(samples, "aigw_spend_microdollars_total", null, "team", "model"),
            SumBy(samples, "aigw_tokens_total", null, "team", "model", "type"),
            _simulator.ReceivedRequests.Count);
    }

    [Fact]
    public async Task RefusedRequests_GetOpenAiErrors_NeverReachTheUpstream_AndLeaveEveryCounterUnchanged()
    {
        var gateway = _gateway;
        var (rag, _) = await gateway.IssueTokenAsync("rag", "search");
        var (revoked, revokedId) = await gateway.IssueTokenAsync("rag", "to-be-revoked");
        var good = new[]
        {
            (rag, "/v1/chat/completions", """{"model":"deepseek-v3.2","max_tokens":9,"messages":[{"role":"user","content":"hello"}]}"""),
            (rag, "/v1/embeddings", """{"model":"text-embedding-3-small","input":"hello"}"""),
            (revoked, "/v1/chat/completions", """{"model":"deepseek-v3.2","max_tokens":5,"messages":[{"role":"user","content":"still valid"}]}"""),
        };
        foreach (var (token, path, json) in good)
        {
            using var response = await gateway.Http.SendAsync(gateway.Request(HttpMethod.Post, path, token, json));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        var before = await SnapshotAsync(good.Length);
        Assert.Equal(good.Length, (await LedgerAsync(gateway)).Count);
        using (var revoke = await gateway.Admin.DeleteAsync($"/admin/tokens/{revokedId}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        }

        var big = """{"model":"deepseek-v3.2","messages":[{"role":"user","content":"BIG""" + new string('x', 8_000) + "\"}]}";
        var bad = new (string Name, string Token, string Path, string Body, bool Chunked, HttpStatusCode Status, string? Code, string? Param)[]
        {
            ("truncated JSON", rag, "/v1/chat/completions", """{"model": "deepseek-v3.2", "messages": [""", false, HttpStatusCode.BadRequest, "invalid_json", null),
            ("not JSON", rag, "/v1/chat/completions", "not json at all", false, HttpStatusCode.BadRequest, "invalid_json", null),
            ("model is a number", rag, "/v1/chat/completions", """{"model": 42, "messages": []}""", false, HttpStatusCode.BadRequest, "invalid_type", "model"),
            ("messages is a string", rag, "/v1/chat/completions", """{"model":"deepseek-v3.2","messages":"hello"}""", false, HttpStatusCode.BadRequest, "invalid_type", "messages"),
            ("stream is a string", rag, "/v1/chat/completions", """{"model":"deepseek-v3.2","messages":[],"stream":"yes"}""", false, HttpStatusCode.BadRequest, "invalid_type", "stream"),
            ("negative max_tokens", rag, "/v1/chat/completions", """{"model":"deepseek-v3.2","messages":[],"max_tokens":-5}""", false, HttpStatusCode.BadRequest, "invalid_type", "max_tokens"),
            ("embeddings without input", rag, "/v1/embeddings", """{"model":"text-embedding-3-small"}""", false, HttpStatusCode.BadRequest, "missing_required_parameter", "input"),
            ("allowed by glob but unpriced", rag, "/v1/chat/completions", """{"model":"deepseek-r2","max_tokens":5,"messages":[{"role":"user","content":"UNPRICED"}]}""", false, HttpStatusCode.Forbidden, "model_not_priced", "model"),
            ("unpriced stream", rag, "/v1/chat/completions", """{"model":"deepseek-r2","stream":true,"messages":[{"role":"user","content":"UNPRICED"}]}""", false, HttpStatusCode.Forbidden, "model_not_priced", "model"),
            ("model the team may not use", rag, "/v1/chat/completions", """{"model":"gpt-4.1","messages":[{"role":"user","content":"x"}]}""", false, HttpStatusCode.Forbidden, "model_not_allowed", null),
            ("revoked token", revoked, "/v1/chat/completions", """{"model":"deepseek-v3.2","max_tokens":5,"messages":[{"role":"user","content":"revoked"}]}""", false, HttpStatusCode.Unauthorized, "invalid_api_key", null),
            ("no token", "", "/v1/chat/completions", """{"model":"deepseek-v3.2","messages":[{"role":"user","content":"anonymous"}]}""", false, HttpStatusCode.Unauthorized, null, null),
            ("oversized body", rag, "/v1/chat/completions", big, false, HttpStatusCode.RequestEntityTooLarge, "request_too_large", null),
            ("oversized chunked body", rag, "/v1/chat/completions", big, true, HttpStatusCode.RequestEntityTooLarge, "request_too_large", null),
        };
        foreach (var (name, token, path, body, chunked, status, code, param) in bad)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path);
            if (token.Length > 0)
            {
                request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            }
            request.Content = chunked
                ? new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(body))) { Headers = { ContentType = new("application/json") } }
                : new StringContent(body, Encoding.UTF8, "application/json");
            request.Headers.TransferEncodingChunked = chunked ? true : null;
            using var response = await gateway.Http.SendAsync(request);
            var error = await OpenAiErrorAssert.IsErrorAsync(response, status, code, param);
            if (status != HttpStatusCode.Unauthorized) // request ids are given to authenticated callers
            {
                Assert.True(response.Headers.Contains("x-aigw-request-id"), name);
            }
            if (code == "model_not_priced")
            {
                Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
                Assert.Contains("deepseek-r2", error.GetProperty("message").GetString(), StringComparison.Ordinal);
                Assert.Equal("false", response.Headers.GetValues("x-should-retry").Single());
            }
        }
        // The official SDK sees the unpriced model as a 403 it does not retry.
        var sdk = gateway.OpenAi(rag);
        var refused = await Assert.ThrowsAsync<ClientResultException>(() =>
            sdk.GetChatClient("deepseek-r2").CompleteChatAsync([new UserChatMessage("UNPRICED via SDK")]));
        Assert.Equal(403, refused.Status);
        Assert.Contains("model_not_priced", refused.Message, StringComparison.Ordinal);

        var after = await SnapshotAsync(good.Length + bad.Length + 1);

        Assert.Equal(before.UpstreamRequests, after.UpstreamRequests);
        Assert.DoesNotContain(_simulator.ReceivedRequests, r => r.Body.Contains("UNPRICED", StringComparison.Ordinal) || r.Body.Contains("BIG", StringComparison.Ordinal));
        Assert.Equal(before.Ledger, after.Ledger);
        Assert.Equal(before.Spend, after.Spend);
        Assert.Equal(before.SpendCsv, after.SpendCsv);
        Assert.Equal(before.Budgets, after.Budgets);
        Assert.Equal(before.SpendMetric, after.SpendMetric);
        Assert.Equal(before.TokenMetric, after.TokenMetric);
        var rejections = SumBy(await MetricsAsync(gateway), "aigw_rejections_total", null, "reason");
        Assert.Equal(3, rejections.GetValueOrDefault("model_not_priced"));

        // And the gateway still meters what it does forward.
        using (var response = await gateway.Http.SendAsync(gateway.Request(HttpMethod.Post, "/v1/chat/completions", rag,
            """{"model":"deepseek-v3.2","max_tokens":9,"messages":[{"role":"user","content":"after the bad ones"}]}""")))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        var ledger = await LedgerWhenCountAsync(gateway, good.Length + 1);
        var (_, total) = await SpendJsonAsync(gateway, "team", "team");
        Assert.Equal(ledger.Sum(r => r.CostMicros), total.CostMicros);
        Assert.Equal(ledger.Count, total.Requests);
    }
}

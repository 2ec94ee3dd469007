using System.Diagnostics;
using System.Net;
using AiGateway.IntegrationTests.Infrastructure;

namespace AiGateway.IntegrationTests.Telemetry;

/// <summary>The span of each proxied request carries the GenAI semantic-convention attributes, and no span carries a secret.</summary>
public sealed class RequestSpanTests
{
    [Fact]
    public async Task Chat_Traced_SpanNamedForOperationAndModelWithGenAiAttributes()
    {
        using var spans = new ActivityCollector();
        await using var simulator = await UpstreamSimulator.UpstreamSimulator.StartAsync(GatewayHost.SimulatorOptions());
        await using var gateway = await GatewayHost.StartAsync(simulator.BaseUrl);
        var (token, tokenId) = await gateway.IssueTokenAsync("rag", "traced-app");
        using var recorded = new RequestsRecorded(gateway.Services);

        using var response = await gateway.Http.SendAsync(gateway.Request(HttpMethod.Post, "/v1/chat/completions", token,
            """{"model":"deepseek-v3.2","messages":[{"role":"user","content":"trace me"}]}"""));
        await response.Content.LoadIntoBufferAsync();
        await recorded.WaitForAsync(1);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var usage = Assert.Single(simulator.ReportedUsage);
        var span = spans.GatewaySpan(response.Headers.GetValues("x-aigw-request-id").Single());
        Assert.Equal("chat deepseek-v3.2", span.DisplayName);
        Assert.Equal(ActivityKind.Client, span.Kind);
        Assert.Equal(ActivityStatusCode.Unset, span.Status);
        Assert.Equal("chat", span.GetTagItem("gen_ai.operation.name"));
        Assert.Equal("openai", span.GetTagItem("gen_ai.provider.name"));
        Assert.Equal("openai", span.GetTagItem("gen_ai.system"));
        Assert.Equal("deepseek-v3.2", span.GetTagItem("gen_ai.request.model"));
        Assert.Equal(512, span.GetTagItem("gen_ai.request.max_tokens")); // the rag policy's default output cap
        Assert.Equal(usage.PromptTokens, span.GetTagItem("gen_ai.usage.input_tokens"));
        Assert.Equal(usage.CompletionTokens, span.GetTagItem("gen_ai.usage.output_tokens"));
        Assert.Equal(simulator.BaseUrl.Host, span.GetTagItem("server.address"));
        Assert.Equal(simulator.BaseUrl.Port, span.GetTagItem("server.port"));
        Assert.Equal(false, span.GetTagItem("aigw.stream"));
        Assert.Equal("rag", span.GetTagItem("aigw.team"));
        Assert.Equal("traced-app", span.GetTagItem("aigw.app"));
        Assert.Equal(tokenId, span.GetTagItem("aigw.token_id"));
        Assert.Null(span.GetTagItem("error.type"));
        // The upstream call happened inside the gateway span.
        Assert.Contains(spans.Stopped, a => a.Source.Name == "System.Net.Http" && a.ParentSpanId == span.SpanId);
    }

    [Fact]
    public async Task Refusals_Traced_ErrorTypeIsTheGatewayErrorCode()
    {
        using var spans = new ActivityCollector();
        await using var simulator = await UpstreamSimulator.UpstreamSimulator.StartAsync(GatewayHost.SimulatorOptions());
        await using var gateway = await GatewayHost.StartAsync(simulator.BaseUrl);
        var (token, _) = await gateway.IssueTokenAsync("rag", "traced-app");
        using var recorded = new RequestsRecorded(gateway.Services);

        using var response = await gateway.Http.SendAsync(gateway.Request(HttpMethod.Post, "/v1/embeddings", token,
            """{"model":"gpt-4.1","input":"x"}"""));
        await recorded.WaitForAsync(1);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var span = spans.GatewaySpan(response.Headers.GetValues("x-aigw-request-id").Single());
        Assert.Equal("embeddings gpt-4.1", span.DisplayName);
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal("model_not_allowed", span.GetTagItem("error.type"));
        Assert.Equal(403, span.GetTagItem("http.response.status_code"));
        Assert.Null(span.GetTagItem("gen_ai.usage.input_tokens"));
    }

    [Fact]
    public async Task Traffic_EverySpanOfTheTest_NoSecretInAnyAttribute()
    {
        using var spans = new ActivityCollector();
        await using var simulator = await UpstreamSimulator.UpstreamSimulator.StartAsync(GatewayHost.SimulatorOptions());
        await using var gateway = await GatewayHost.StartAsync(simulator.BaseUrl);
        var (token, _) = await gateway.IssueTokenAsync("rag", "traced-app");
        using var recorded = new RequestsRecorded(gateway.Services);

        using var bearer = await gateway.Http.SendAsync(gateway.Request(HttpMethod.Post, "/v1/chat/completions", token,
            """{"model":"deepseek-v3.2","stream":true,"messages":[{"role":"user","content":"hi"}]}"""));
        await bearer.Content.LoadIntoBufferAsync();
        using var azureStyle = new HttpRequestMessage(HttpMethod.Get, "/v1/models");
        azureStyle.Headers.Add("api-key", token);
        using var models = await gateway.Http.SendAsync(azureStyle);
        await recorded.WaitForAsync(2);

        Assert.Equal(HttpStatusCode.OK, models.StatusCode);
        var secrets = GatewayHost.TeamKeys.Values.Append(token).Append(GatewayHost.AdminToken).ToList();
        var values = spans.Stopped
            .SelectMany(a => a.TagObjects.Select(t => $"{t.Key}={t.Value}").Append(a.DisplayName)
                .Concat(a.Baggage.Select(b => $"{b.Key}={b.Value}")))
            .ToList();
        Assert.Contains(values, v => v.StartsWith("aigw.request_id=", StringComparison.Ordinal)); // the scan saw the gateway's spans
        Assert.Contains(spans.Stopped, a => a.Source.Name == "System.Net.Http"); // and the upstream calls
        Assert.All(secrets, secret => Assert.DoesNotContain(values, v => v.Contains(secret, StringComparison.Ordinal)));
    }
}

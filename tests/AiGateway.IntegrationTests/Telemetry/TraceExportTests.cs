using System.Net;
using System.Text;
using AiGateway.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace AiGateway.IntegrationTests.Telemetry;

/// <summary>Traces leave over OTLP (http/protobuf) when Telemetry:OtlpEndpoint is set, with GenAI attributes and without secrets.</summary>
public sealed class TraceExportTests
{
    [Fact]
    public async Task Chat_OtlpEndpointConfigured_SpanExportedWithGenAiAttributesAndNoSecret()
    {
        await using var collector = await OtlpReceiver.StartAsync();
        await using var simulator = await UpstreamSimulator.UpstreamSimulator.StartAsync(GatewayHost.SimulatorOptions());
        await using var gateway = await GatewayHost.StartAsync(simulator.BaseUrl, new Dictionary<string, string?>
        {
            ["Telemetry:OtlpEndpoint"] = collector.Url.ToString(),
            ["Telemetry:ServiceName"] = "aigateway-under-test",
        });
        var (token, tokenId) = await gateway.IssueTokenAsync("customer-service", "exported-app");
        using var recorded = new RequestsRecorded(gateway.Services);

        using var response = await gateway.Http.SendAsync(gateway.Request(HttpMethod.Post, "/v1/chat/completions", token,
            """{"model":"gemini-2.5-flash","messages":[{"role":"user","content":"export this span"}]}"""));
        await response.Content.LoadIntoBufferAsync();
        await recorded.WaitForAsync(1);
        var requestId = response.Headers.GetValues("x-aigw-request-id").Single();
        Assert.True(gateway.Services.GetRequiredService<TracerProvider>().ForceFlush(30_000));
        var payload = await collector.WaitForPayloadContainingAsync(requestId, RequestsRecorded.Guard);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = Encoding.UTF8.GetString(payload);
        foreach (var expected in new[]
        {
            "chat gemini-2.5-flash", "gen_ai.request.model", "gemini-2.5-flash", "gen_ai.usage.input_tokens", "gen_ai.usage.output_tokens",
            "gen_ai.operation.name", "aigw.token_id", tokenId, "aigateway-under-test",
        })
        {
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }
        var everything = string.Concat(collector.Payloads.Select(p => Encoding.UTF8.GetString(p)));
        Assert.Contains("http.request.method", everything, StringComparison.Ordinal); // server and client HTTP spans went out too
        foreach (var secret in GatewayHost.TeamKeys.Values.Append(token).Append(GatewayHost.AdminToken))
        {
            Assert.DoesNotContain(secret, everything, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Chat_OnlyTheStandardOtelVariables_SdkExportsWhereTheyPoint()
    {
        await using var collector = await OtlpReceiver.StartAsync();
        await using var simulator = await UpstreamSimulator.UpstreamSimulator.StartAsync(GatewayHost.SimulatorOptions());
        // The host reads OTEL_* from configuration, which includes the environment; set here without touching the process's.
        await using var gateway = await GatewayHost.StartAsync(simulator.BaseUrl, new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Url.ToString(),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        });
        var (token, _) = await gateway.IssueTokenAsync("rag", "env-configured");
        using var recorded = new RequestsRecorded(gateway.Services);

        using var response = await gateway.Http.SendAsync(gateway.Request(HttpMethod.Post, "/v1/embeddings", token,
            """{"model":"text-embedding-3-small","input":"exported by the SDK's own settings"}"""));
        await recorded.WaitForAsync(1);
        Assert.True(gateway.Services.GetRequiredService<TracerProvider>().ForceFlush(30_000));
        var payload = await collector.WaitForPayloadContainingAsync(response.Headers.GetValues("x-aigw-request-id").Single(), RequestsRecorded.Guard);

        Assert.Contains("embeddings text-embedding-3-small", Encoding.UTF8.GetString(payload), StringComparison.Ordinal);
        Assert.Contains("aigateway", Encoding.UTF8.GetString(payload), StringComparison.Ordinal); // the default service.name
    }

    [Fact]
    public async Task Gateway_NoOtlpEndpoint_NoTracerRegistered()
    {
        await using var simulator = await UpstreamSimulator.UpstreamSimulator.StartAsync(GatewayHost.SimulatorOptions());
        await using var gateway = await GatewayHost.StartAsync(simulator.BaseUrl);

        Assert.Null(gateway.Services.GetService<TracerProvider>());
    }

    [Fact]
    public async Task Gateway_InvalidTelemetrySettings_RefusesToStartNamingThem()
    {
        await using var simulator = await UpstreamSimulator.UpstreamSimulator.StartAsync(GatewayHost.SimulatorOptions());

        var error = await Assert.ThrowsAnyAsync<Exception>(() => GatewayHost.StartAsync(simulator.BaseUrl, new Dictionary<string, string?>
        {
            ["Telemetry:OtlpEndpoint"] = "collector:4318",
            ["Telemetry:SamplingRatio"] = "1.5",
        }));

        Assert.Contains("Telemetry:OtlpEndpoint must be an absolute http(s) URI", error.Message, StringComparison.Ordinal);
        Assert.Contains("Telemetry:SamplingRatio must be between 0 and 1", error.Message, StringComparison.Ordinal);
    }
}

using AiGateway.Auth;
using AiGateway.Errors;
using AiGateway.Policies;
using AiGateway.Proxy;
using AiGateway.Telemetry;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace AiGateway.UnitTests.Telemetry;

/// <summary>The telemetry step built directly, around stand-ins for the rest of the pipeline.</summary>
public sealed class RequestTelemetryMiddlewareTests : IDisposable
{
    private readonly TestMeterFactory _meters = new();
    private readonly MeasurementRecorder _recorder;
    private readonly CapturedLogs _logs = new();
    private readonly Microsoft.Extensions.Logging.ILoggerFactory _loggers;

    public RequestTelemetryMiddlewareTests()
    {
        _recorder = new MeasurementRecorder(_meters);
        _loggers = _logs.CreateFactory();
    }

    public void Dispose()
    {
        _recorder.Dispose();
        _meters.Dispose();
        _loggers.Dispose();
        _logs.Dispose();
    }

    private RequestTelemetryMiddleware Create(RequestDelegate next) => new(next, new GatewayMetrics(_meters), new AuditLog(_loggers),
        Options.Create(new UpstreamOptions { BaseUrl = "https://api.example.test/v1" }));

    private static DefaultHttpContext NewContext(GatewayEndpoint endpoint = GatewayEndpoint.Chat)
    {
        var context = new DefaultHttpContext();
        context.Response.Body = new MemoryStream();
        context.SetEndpoint(new Endpoint(null, new EndpointMetadataCollection(new GatewayRouteMetadata(endpoint, HasJsonBody: true)), "test"));
        return context;
    }

    private static GatewayRequestFeature Caller(HttpContext context)
    {
        var feature = new GatewayRequestFeature(new TokenRecord
        {
            Id = "tok_unit",
            Hash = TokenHash.FromBytes(new byte[32]),
            Team = "rag",
            App = "unit-app",
            CreatedAt = DateTimeOffset.UnixEpoch,
        }, new GatewayRouteMetadata(GatewayEndpoint.Chat, true));
        context.Features.Set(feature);
        return feature;
    }

    [Fact]
    public async Task Invoke_NoCaller_RejectionCountedUnderUnknownTeamAndModel()
    {
        var middleware = Create(context => ErrorResponseWriter.WriteAsync(context, GatewayErrors.InvalidToken));

        await middleware.InvokeAsync(NewContext());

        var rejection = Assert.Single(_recorder.Of("rejections_total"));
        Assert.Equal(new Dictionary<string, string?> { ["team"] = "unknown", ["model"] = "unknown", ["reason"] = "invalid_api_key" }, rejection.Tags);
        var request = Assert.Single(_recorder.Of("requests_total"));
        Assert.Equal("401", request.Tags["status_code"]);
        Assert.Equal("chat", request.Tags["endpoint"]);
    }

    [Fact]
    public async Task Invoke_ModelOutsideTheAllowlist_LabelledOther()
    {
        var middleware = Create(context =>
        {
            var feature = Caller(context);
            feature.Policy = new TeamPolicy
            {
                Team = "rag",
                ModelPatterns = ["deepseek-v3.2"],
                Models = new ModelMatcher(["deepseek-v3.2"]),
                Endpoints = GatewayEndpoint.Chat,
                UpstreamKey = "creds/rag",
                SourceFile = "rag.json",
            };
            feature.Model = "anything-a-caller-types";
            return ErrorResponseWriter.WriteAsync(context, GatewayErrors.ModelNotAllowed(feature.Model));
        });

        await middleware.InvokeAsync(NewContext());

        var rejection = Assert.Single(_recorder.Of("rejections_total"));
        Assert.Equal("other", rejection.Tags["model"]);
        Assert.Equal("rag", rejection.Tags["team"]);
        Assert.Equal("model_not_allowed", rejection.Tags["reason"]);
    }

    [Fact]
    public async Task Invoke_Served_AuditRecordCarriesCallerUsageAndCost()
    {
        var middleware = Create(context =>
        {
            var feature = Caller(context);
            feature.Model = "deepseek-v3.2";
            feature.Usage = AiGateway.Metering.UsageReport.FromUsageFields(11, 7, null);
            feature.CostMicros = 8;
            return Task.CompletedTask;
        });

        await middleware.InvokeAsync(NewContext());

        var line = Assert.Single(_logs.Lines, l => l.Contains("AiGateway.Audit[9001]", StringComparison.Ordinal));
        Assert.Contains("token=tok_unit team=rag app=unit-app endpoint=chat model=deepseek-v3.2 status=200 reason=- input_tokens=11 output_tokens=7 cost_micros=8", line, StringComparison.Ordinal);
        Assert.Matches(@"audit request id=\S+ ", line);
    }

    [Fact]
    public async Task Invoke_NextThrows_Counted500AndRethrown()
    {
        var middleware = Create(_ => throw new InvalidOperationException("boom"));

        await Assert.ThrowsAsync<InvalidOperationException>(() => middleware.InvokeAsync(NewContext()));

        Assert.Equal("500", Assert.Single(_recorder.Of("requests_total")).Tags["status_code"]);
        Assert.Equal("server_error", Assert.Single(_recorder.Of("rejections_total")).Tags["reason"]);
    }
}

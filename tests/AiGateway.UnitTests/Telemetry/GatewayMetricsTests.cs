using System.Diagnostics;
using AiGateway.Telemetry;

namespace AiGateway.UnitTests.Telemetry;

public sealed class GatewayMetricsTests : IDisposable
{
    private readonly TestMeterFactory _meters = new();
    private readonly MeasurementRecorder _recorder;
    private readonly GatewayMetrics _metrics;

    public GatewayMetricsTests()
    {
        _recorder = new MeasurementRecorder(_meters);
        _metrics = new GatewayMetrics(_meters);
    }

    public void Dispose()
    {
        _recorder.Dispose();
        _meters.Dispose();
    }

    private static CompletedRequest Request(int status = 200, string? reason = null) => new()
    {
        RequestId = "req_1",
        TokenId = "tok_1",
        App = "app",
        Team = "rag",
        Model = "deepseek-v3.2",
        Endpoint = "chat",
        StatusCode = status,
        Reason = reason,
        ElapsedTicks = Stopwatch.Frequency, // one second
    };

    [Fact]
    public void Record_Success_CountsRequestWithTeamModelEndpointAndStatus()
    {
        _metrics.Record(Request());

        var request = Assert.Single(_recorder.Of("requests_total"));
        Assert.Equal(GatewayMeter.Name, request.Instrument.Meter.Name);
        Assert.Equal(1, request.Value);
        Assert.Equal(new Dictionary<string, string?> { ["team"] = "rag", ["model"] = "deepseek-v3.2", ["endpoint"] = "chat", ["status_code"] = "200" },
            request.Tags);
        Assert.Empty(_recorder.Of("rejections_total"));
    }

    [Fact]
    public void Record_GatewayError_CountsRejectionByReason()
    {
        _metrics.Record(Request(429, "rate_limit_exceeded"));

        var rejection = Assert.Single(_recorder.Of("rejections_total"));
        Assert.Equal(new Dictionary<string, string?> { ["team"] = "rag", ["model"] = "deepseek-v3.2", ["reason"] = "rate_limit_exceeded" }, rejection.Tags);
        Assert.Equal("429", Assert.Single(_recorder.Of("requests_total")).Tags["status_code"]);
    }

    [Fact]
    public void Record_UpstreamError_IsNotARejection()
    {
        _metrics.Record(Request(500));

        Assert.Empty(_recorder.Of("rejections_total"));
        Assert.Equal("500", Assert.Single(_recorder.Of("requests_total")).Tags["status_code"]);
    }

    [Fact]
    public void Record_UpstreamTime_OverheadIsTheRest()
    {
        var quarter = Stopwatch.Frequency / 4;
        _metrics.Record(Request() with { UpstreamTicks = 3 * quarter, UpstreamAttempts = 2 });

        Assert.Equal(0.25, Assert.Single(_recorder.Of("gateway_overhead_seconds")).Value, 6);
        var upstream = Assert.Single(_recorder.Of("upstream_duration_seconds"));
        Assert.Equal(0.75, upstream.Value, 6);
        Assert.Equal(new Dictionary<string, string?> { ["team"] = "rag", ["model"] = "deepseek-v3.2" }, upstream.Tags);
    }

    [Fact]
    public void Record_NeverSentUpstream_OnlyOverheadRecorded()
    {
        _metrics.Record(Request(401, "invalid_api_key"));

        Assert.Equal(1.0, Assert.Single(_recorder.Of("gateway_overhead_seconds")).Value, 6);
        Assert.Empty(_recorder.Of("upstream_duration_seconds"));
    }

    [Fact]
    public void Record_Usage_CountsInputAndOutputTokensByType()
    {
        _metrics.Record(Request() with { InputTokens = 12, OutputTokens = 34 });

        var tokens = _recorder.Of("tokens_total").ToDictionary(m => m.Tags["type"]!, m => m.Value);
        Assert.Equal(new Dictionary<string, double> { ["input"] = 12, ["output"] = 34 }, tokens);
    }

    [Fact]
    public void Record_EmbeddingUsage_NoOutputSeriesForZeroTokens()
    {
        _metrics.Record(Request() with { InputTokens = 8, OutputTokens = 0 });

        Assert.Equal("input", Assert.Single(_recorder.Of("tokens_total")).Tags["type"]);
    }

    [Fact]
    public void Record_Cost_AddsMicrodollars()
    {
        _metrics.Record(Request() with { CostMicros = 4_200 });
        _metrics.Record(Request());

        Assert.Equal(4_200, Assert.Single(_recorder.Of("spend_microdollars_total")).Value);
    }

    [Fact]
    public void Record_Listened_AllocatesNothing()
    {
        var request = Request(429, "rate_limit_exceeded") with { InputTokens = 5, OutputTokens = 6, CostMicros = 7, UpstreamTicks = 10, UpstreamAttempts = 1 };
        using var meters = new TestMeterFactory();
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, meters))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>(static (_, _, _, _) => { });
        listener.SetMeasurementEventCallback<double>(static (_, _, _, _) => { });
        listener.Start();
        var metrics = new GatewayMetrics(meters);
        metrics.Record(request);
        _ = metrics.ModelLabel("deepseek-v3.2", allowed: true);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            _ = metrics.ModelLabel("deepseek-v3.2", allowed: true);
            metrics.Record(request);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void ModelLabel_NoModel_Unknown()
    {
        Assert.Equal(MetricLabels.Unknown, _metrics.ModelLabel(null, allowed: false));
        Assert.Equal(MetricLabels.Unknown, _metrics.ModelLabel("", allowed: true));
    }

    [Fact]
    public void ModelLabel_NotAllowed_Other()
    {
        Assert.Equal(MetricLabels.Other, _metrics.ModelLabel("made-up-model-1234", allowed: false));
    }

    [Fact]
    public void ModelLabel_Allowed_IsTheModelUntilTheCapIsReached()
    {
        Assert.Equal("deepseek-v3.2", _metrics.ModelLabel("deepseek-v3.2", allowed: true));
        for (var i = 1; i < GatewayMetrics.MaxModelLabels; i++)
        {
            Assert.Equal($"deepseek-{i}", _metrics.ModelLabel($"deepseek-{i}", allowed: true));
        }

        Assert.Equal(MetricLabels.Other, _metrics.ModelLabel("deepseek-one-too-many", allowed: true));
        Assert.Equal("deepseek-v3.2", _metrics.ModelLabel("deepseek-v3.2", allowed: true)); // known models keep their label
    }

    [Fact]
    public void ModelLabel_VeryLongName_Other()
    {
        Assert.Equal(MetricLabels.Other, _metrics.ModelLabel(new string('m', 101), allowed: true));
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;

namespace AiGateway.Telemetry;

/// <summary>
/// Per-request instruments of the proxy: requests, the gateway's own rejections, gateway overhead and upstream time,
/// tokens and spend, each labelled by team and model (see deploy/prometheus/metric-names.txt for the scrape names).
/// </summary>
public sealed class GatewayMetrics
{
    /// <summary>
    /// Distinct model label values kept; later ones are reported as <see cref="MetricLabels.Other"/>. Allowlist globs
    /// (<c>deepseek-*</c>) admit names a caller makes up, and every label value is a series Prometheus keeps.
    /// </summary>
    public const int MaxModelLabels = 200;

    private const int MaxModelLabelLength = 100;

    private readonly Counter<long> _requests;
    private readonly Counter<long> _rejections;
    private readonly Histogram<double> _overhead;
    private readonly Histogram<double> _upstream;
    private readonly Counter<long> _tokens;
    private readonly Counter<long> _spend;
    private readonly ConcurrentDictionary<string, string> _models = new(StringComparer.Ordinal);
    private int _modelCount;

    public GatewayMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(GatewayMeter.Name);
        _requests = meter.CreateCounter<long>("requests_total", "{request}",
            "Proxied requests by team, model, endpoint and response status code.");
        _rejections = meter.CreateCounter<long>("rejections_total", "{request}",
            "Requests the gateway answered with its own error, by reason (the error code, else its type).");
        _overhead = meter.CreateHistogram("gateway_overhead_seconds", "s",
            "Time the gateway added to a request: the whole request minus the upstream's share.",
            tags: null, new InstrumentAdvice<double> { HistogramBucketBoundaries = GatewayMeter.OverheadBuckets });
        _upstream = meter.CreateHistogram("upstream_duration_seconds", "s",
            "Time spent sending a request upstream and relaying the answer (a stream until its end), summed over retries.",
            tags: null, new InstrumentAdvice<double> { HistogramBucketBoundaries = GatewayMeter.UpstreamBuckets });
        _tokens = meter.CreateCounter<long>("tokens_total", "{token}",
            "Tokens used, by type (input or output), as the upstream reported them or as the gateway estimated them.");
        _spend = meter.CreateCounter<long>("spend_microdollars_total", "{microdollar}",
            "What requests cost, in micro-dollars (1e-6 USD).");
    }

    /// <summary>
    /// The model label for a request: <see cref="MetricLabels.Unknown"/> without a model, <see cref="MetricLabels.Other"/>
    /// for a model the team may not use (a caller could send any text) or once <see cref="MaxModelLabels"/> are in use.
    /// </summary>
    public string ModelLabel(string? model, bool allowed)
    {
        if (string.IsNullOrEmpty(model))
        {
            return MetricLabels.Unknown;
        }
        if (!allowed || model.Length > MaxModelLabelLength)
        {
            return MetricLabels.Other;
        }
        if (_models.TryGetValue(model, out var label))
        {
            return label;
        }
        if (Interlocked.Increment(ref _modelCount) > MaxModelLabels)
        {
            Interlocked.Decrement(ref _modelCount);
            return MetricLabels.Other;
        }
        if (!_models.TryAdd(model, model))
        {
            Interlocked.Decrement(ref _modelCount); // another request added it first
        }
        return model;
    }

    public void Record(in CompletedRequest request)
    {
        if (_requests.Enabled)
        {
            RecordRequest(request);
        }
        if (request.Reason is not null && _rejections.Enabled)
        {
            RecordRejection(request);
        }
        if (_overhead.Enabled)
        {
            _overhead.Record(Seconds(request.OverheadTicks), TeamModel(request));
        }
        if (request.UpstreamAttempts > 0 && _upstream.Enabled)
        {
            _upstream.Record(Seconds(request.UpstreamTicks), TeamModel(request));
        }
        if (_tokens.Enabled && (request.InputTokens > 0 || request.OutputTokens > 0))
        {
            RecordTokens(request);
        }
        if (request.CostMicros is { } cost && _spend.Enabled)
        {
            _spend.Add(cost, TeamModel(request));
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void RecordRequest(in CompletedRequest request)
    {
        var tags = TeamModel(request);
        tags.Add(MetricLabels.Endpoint, request.Endpoint);
        tags.Add(MetricLabels.StatusCode, MetricLabels.ForStatusCode(request.StatusCode));
        _requests.Add(1, tags);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void RecordRejection(in CompletedRequest request)
    {
        var tags = TeamModel(request);
        tags.Add(MetricLabels.Reason, request.Reason);
        _rejections.Add(1, tags);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void RecordTokens(in CompletedRequest request)
    {
        if (request.InputTokens is int input && input > 0)
        {
            var tags = TeamModel(request);
            tags.Add(MetricLabels.Type, MetricLabels.Input);
            _tokens.Add(input, tags);
        }
        if (request.OutputTokens is int output && output > 0)
        {
            var tags = TeamModel(request);
            tags.Add(MetricLabels.Type, MetricLabels.Output);
            _tokens.Add(output, tags);
        }
    }

    private static TagList TeamModel(in CompletedRequest request) => new()
    {
        { MetricLabels.Team, request.Team },
        { MetricLabels.Model, request.Model },
    };

    private static double Seconds(long ticks) => (double)ticks / Stopwatch.Frequency;
}

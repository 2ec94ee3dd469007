namespace AiGateway.Telemetry;

/// <summary>Trace export (section <c>Telemetry</c>). Metrics need no settings: Prometheus scrapes <c>GET /metrics</c> on the admin listener.</summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "Telemetry";

    public const string Grpc = "grpc";
    public const string HttpProtobuf = "http/protobuf";

    /// <summary>
    /// OTLP collector to send traces to, e.g. <c>http://otel-collector:4318</c> (http/protobuf; <c>/v1/traces</c> is
    /// appended unless the path already ends with it) or <c>http://otel-collector:4317</c> (grpc). Empty: no export,
    /// unless the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (or <c>..._TRACES_ENDPOINT</c>) environment variable is set,
    /// in which case the OpenTelemetry SDK's own <c>OTEL_EXPORTER_OTLP_*</c> settings apply. Default empty.
    /// </summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary><c>http/protobuf</c> (default) or <c>grpc</c>; applies with <see cref="OtlpEndpoint"/>.</summary>
    public string OtlpProtocol { get; set; } = HttpProtobuf;

    /// <summary>The <c>service.name</c> resource attribute. Default <c>aigateway</c>.</summary>
    public string ServiceName { get; set; } = "aigateway";

    /// <summary>
    /// Share of traces recorded, 0..1 (default 1: every request). A caller's sampled <c>traceparent</c> is honoured
    /// either way, so a trace started by an app stays whole.
    /// </summary>
    public double SamplingRatio { get; set; } = 1;

    /// <summary>The validated endpoint, or null when <see cref="OtlpEndpoint"/> is empty or not an http(s) URI.</summary>
    public Uri? ParsedEndpoint =>
        !string.IsNullOrWhiteSpace(OtlpEndpoint) && Uri.TryCreate(OtlpEndpoint, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : null;
}

using AiGateway.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenTelemetry.Exporter;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace AiGateway.Hosting;

/// <summary>
/// OpenTelemetry tracing with OTLP export, registered only when an endpoint is configured: without one, no listener
/// exists and requests create no spans at all.
/// </summary>
public static class GatewayTracing
{
    private const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";
    private const string OtlpTracesEndpointVariable = "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT";

    /// <summary>
    /// Call after every configuration source is added (the decision reads the final configuration). Values are
    /// validated at start by <see cref="TelemetryOptionsValidator"/>; here they only decide what to register.
    /// </summary>
    public static WebApplicationBuilder AddGatewayTracing(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        var options = configuration.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>() ?? new TelemetryOptions();
        var endpoint = options.ParsedEndpoint;
        // With Telemetry:OtlpEndpoint empty, the SDK's standard variables decide (it reads them itself).
        var sdkConfigured = string.IsNullOrWhiteSpace(options.OtlpEndpoint)
            && (!string.IsNullOrWhiteSpace(configuration[OtlpEndpointVariable]) || !string.IsNullOrWhiteSpace(configuration[OtlpTracesEndpointVariable]));
        if (endpoint is null && !sdkConfigured)
        {
            return builder;
        }

        var serviceName = string.IsNullOrWhiteSpace(options.ServiceName) ? "aigateway" : options.ServiceName;
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithTracing(tracing => tracing
                .AddSource(GatewayActivity.SourceName)
                .SetSampler(sp => CreateSampler(sp.GetRequiredService<IOptions<TelemetryOptions>>().Value.SamplingRatio))
                .AddAspNetCoreInstrumentation(aspNetCore => aspNetCore.Filter = IsTraced)
                .AddHttpClientInstrumentation()
                .AddOtlpExporter(otlp =>
                {
                    if (endpoint is not null)
                    {
                        var protocol = options.OtlpProtocol == TelemetryOptions.Grpc ? OtlpExportProtocol.Grpc : OtlpExportProtocol.HttpProtobuf;
                        otlp.Protocol = protocol;
                        otlp.Endpoint = SignalEndpoint(endpoint, protocol);
                    }
                }));
        return builder;
    }

    /// <summary>
    /// The SDK appends <c>/v1/traces</c> to an endpoint from the environment but not to one set in code; operators
    /// configure the collector's base URL either way, so the path is added here for http/protobuf.
    /// </summary>
    internal static Uri SignalEndpoint(Uri endpoint, OtlpExportProtocol protocol)
    {
        const string tracesPath = "v1/traces";
        if (protocol != OtlpExportProtocol.HttpProtobuf || endpoint.AbsolutePath.TrimEnd('/').EndsWith("/" + tracesPath, StringComparison.Ordinal))
        {
            return endpoint;
        }
        var path = endpoint.AbsolutePath.EndsWith('/') ? endpoint.AbsolutePath : endpoint.AbsolutePath + "/";
        return new UriBuilder(endpoint) { Path = path + tracesPath }.Uri;
    }

    private static ParentBasedSampler CreateSampler(double ratio) =>
        new ParentBasedSampler(ratio >= 1 ? new AlwaysOnSampler() : new TraceIdRatioBasedSampler(Math.Clamp(ratio, 0, 1)));

    /// <summary>Probes and scrapes arrive every few seconds and say nothing about traffic.</summary>
    private static bool IsTraced(HttpContext context)
    {
        var path = context.Request.Path;
        return !path.StartsWithSegments("/metrics", StringComparison.OrdinalIgnoreCase)
            && !path.StartsWithSegments("/healthz", StringComparison.OrdinalIgnoreCase)
            && !path.StartsWithSegments("/readyz", StringComparison.OrdinalIgnoreCase);
    }
}

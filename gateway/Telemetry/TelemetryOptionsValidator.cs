using Microsoft.Extensions.Options;

namespace AiGateway.Telemetry;

internal sealed class TelemetryOptionsValidator : IValidateOptions<TelemetryOptions>
{
    public ValidateOptionsResult Validate(string? name, TelemetryOptions options)
    {
        var errors = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.OtlpEndpoint))
        {
            var uri = options.ParsedEndpoint;
            if (uri is null)
            {
                // Echoed only without '@': text before one may be a password.
                var got = options.OtlpEndpoint.Contains('@', StringComparison.Ordinal) ? "" : $" (got '{LogText.Clean(options.OtlpEndpoint)}')";
                errors.Add($"Telemetry:OtlpEndpoint must be an absolute http(s) URI such as http://otel-collector:4318, or empty to export no traces{got}.");
            }
            else if (!string.IsNullOrEmpty(uri.UserInfo))
            {
                // Not echoed: the user info may hold a password. Collector credentials belong in OTEL_EXPORTER_OTLP_HEADERS.
                errors.Add("Telemetry:OtlpEndpoint must not contain credentials (user:password@); pass collector credentials in the OTEL_EXPORTER_OTLP_HEADERS environment variable.");
            }
            else if (!string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
            {
                errors.Add("Telemetry:OtlpEndpoint must not have a query or fragment; give the collector's base URL, e.g. http://otel-collector:4318.");
            }
        }
        if (options.OtlpProtocol is not (TelemetryOptions.HttpProtobuf or TelemetryOptions.Grpc))
        {
            errors.Add($"Telemetry:OtlpProtocol must be '{TelemetryOptions.HttpProtobuf}' (collector port 4318) or '{TelemetryOptions.Grpc}' (port 4317) (got '{LogText.Clean(options.OtlpProtocol)}').");
        }
        if (string.IsNullOrWhiteSpace(options.ServiceName))
        {
            errors.Add("Telemetry:ServiceName must not be empty: it is the service.name traces are filed under (default 'aigateway').");
        }
        if (!(options.SamplingRatio is >= 0 and <= 1))
        {
            errors.Add("Telemetry:SamplingRatio must be between 0 and 1: 1 records every request, 0.1 one in ten, 0 none.");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

using Microsoft.AspNetCore.Http;

namespace AiGateway.UpstreamSimulator;

/// <summary>
/// Answers an authenticated model request with the error named by <c>x-sim-status</c> (after the configured or
/// <c>x-sim-latency-ms</c> latency). Gateways forward unknown headers, so tests set it on their client.
/// </summary>
internal sealed class FailureInjectionMiddleware(RequestDelegate next, SimulatorState state)
{
    public const string StatusHeader = "x-sim-status";

    public async Task InvokeAsync(HttpContext context)
    {
        var feature = context.Features.Get<SimulatorRequestFeature>();
        if (feature?.ApiKey is null
            || context.Request.Path.StartsWithSegments(SimulatorRoutes.KeysPath)
            || !context.Request.Headers.TryGetValue(StatusHeader, out var raw))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        // Only error statuses are injectable; anything else is a test bug worth a loud 400.
        if (!int.TryParse(raw.ToString(), out var status) || status is < 400 or > 599)
        {
            await OpenAiErrorWriter.WriteAsync(context, OpenAiErrors.InvalidSimulatorHeader(StatusHeader, raw.ToString())).ConfigureAwait(false);
            return;
        }

        if (!SimulationSettings.TryResolve(context.Request.Headers, state.Options, out var settings, out var headerError))
        {
            await OpenAiErrorWriter.WriteAsync(context, headerError).ConfigureAwait(false);
            return;
        }

        await SimulatedDelay.WaitAsync(settings.LatencyMs, context.RequestAborted).ConfigureAwait(false);
        if (status == 429)
        {
            // Real 429s carry the rate-limit headers (WIRE-FACTS B.5); retry-after only when the test asks for it,
            // because SDK clients honour it and would slow a test down.
            var headers = context.Response.Headers;
            headers["x-ratelimit-limit-requests"] = "60";
            headers["x-ratelimit-remaining-requests"] = "0";
            headers["x-ratelimit-reset-requests"] = "1s";
            if (settings.RetryAfterSeconds is { } retryAfter)
            {
                headers["retry-after"] = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        await OpenAiErrorWriter.WriteAsync(context, SimulatedFailures.ForStatus(status, feature.ApiKey)).ConfigureAwait(false);
    }
}

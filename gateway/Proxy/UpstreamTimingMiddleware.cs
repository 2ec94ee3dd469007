using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace AiGateway.Proxy;

/// <summary>
/// Last step before YARP's forwarder: adds the time the forwarder takes (sending, waiting, relaying the answer) to
/// the request's upstream time. After the key-retry step, so a retried request sums both attempts.
/// </summary>
internal sealed class UpstreamTimingMiddleware
{
    private readonly RequestDelegate _next;

    public UpstreamTimingMiddleware(RequestDelegate next) => _next = next;

    public async Task InvokeAsync(HttpContext context)
    {
        var feature = context.Features.GetRequiredFeature<GatewayRequestFeature>();
        var start = Stopwatch.GetTimestamp();
        try
        {
            await _next(context).ConfigureAwait(false);
        }
        finally
        {
            feature.UpstreamElapsedTicks += Stopwatch.GetTimestamp() - start;
            feature.UpstreamAttempts++;
        }
    }
}

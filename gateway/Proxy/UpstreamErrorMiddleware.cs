using AiGateway.Errors;
using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Forwarder;

namespace AiGateway.Proxy;

/// <summary>
/// Wraps the forwarder: when YARP could not get a response from the upstream it leaves an empty 502/504;
/// this gives it an OpenAI-shaped body so SDKs raise a proper error instead of a parse failure.
/// </summary>
internal sealed class UpstreamErrorMiddleware
{
    private readonly RequestDelegate _next;

    public UpstreamErrorMiddleware(RequestDelegate next) => _next = next;

    public async Task InvokeAsync(HttpContext context)
    {
        await _next(context).ConfigureAwait(false);

        var error = context.Features.Get<IForwarderErrorFeature>()?.Error ?? ForwarderError.None;
        if (error == ForwarderError.None || context.Response.HasStarted || context.RequestAborted.IsCancellationRequested)
        {
            return;
        }
        var gatewayError = error switch
        {
            ForwarderError.RequestTimedOut => GatewayErrors.UpstreamTimeout,
            ForwarderError.RequestBodyClient or ForwarderError.RequestCanceled => null,
            _ => GatewayErrors.UpstreamUnavailable,
        };
        if (gatewayError is not null)
        {
            await ErrorResponseWriter.WriteAsync(context, gatewayError).ConfigureAwait(false);
        }
    }
}

using AiGateway.Errors;
using Microsoft.AspNetCore.Http;

namespace AiGateway.Hosting;

/// <summary>
/// Gives framework-produced empty error responses (no route: 404, wrong method: 405) an OpenAI-shaped body,
/// so every error from the gateway parses in an SDK.
/// </summary>
internal sealed class EmptyErrorBodyMiddleware
{
    private readonly RequestDelegate _next;

    public EmptyErrorBodyMiddleware(RequestDelegate next) => _next = next;

    public async Task InvokeAsync(HttpContext context)
    {
        await _next(context).ConfigureAwait(false);
        var response = context.Response;
        if (response.HasStarted || response.StatusCode is not (404 or 405) || response.ContentType is not null)
        {
            return;
        }
        var error = response.StatusCode == 404
            ? GatewayErrors.UnknownUrl(context.Request.Method, context.Request.Path.Value ?? "/")
            : new GatewayError(405, "invalid_request_error", "method_not_allowed",
                $"Method {context.Request.Method} is not allowed on {context.Request.Path.Value}.");
        await ErrorResponseWriter.WriteAsync(context, error).ConfigureAwait(false);
    }
}

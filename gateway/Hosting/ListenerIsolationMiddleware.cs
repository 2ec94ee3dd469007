using AiGateway.Errors;
using Microsoft.AspNetCore.Http;

namespace AiGateway.Hosting;

/// <summary>
/// Keeps the admin API off the proxy port and the proxy off the admin port. Decided by the listener
/// that accepted the connection (a Kestrel connection feature), never by the Host header, which callers control.
/// </summary>
internal sealed class ListenerIsolationMiddleware
{
    private readonly RequestDelegate _next;

    public ListenerIsolationMiddleware(RequestDelegate next) => _next = next;

    public Task InvokeAsync(HttpContext context)
    {
        var scope = context.GetEndpoint()?.Metadata.GetMetadata<ListenerScope>();
        if (scope is null)
        {
            return _next(context);
        }
        // No feature means a host without our listeners (a test server): treat it as the proxy listener.
        var listener = context.Features.Get<ListenerFeature>()?.Kind ?? ListenerKind.Proxy;
        return listener == scope.Kind
            ? _next(context)
            : ErrorResponseWriter.WriteAsync(context, GatewayErrors.UnknownUrl(context.Request.Method, context.Request.Path.Value ?? "/"));
    }
}

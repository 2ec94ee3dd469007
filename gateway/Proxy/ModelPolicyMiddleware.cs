using AiGateway.Errors;
using AiGateway.Keys;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace AiGateway.Proxy;

/// <summary>
/// Refuses models outside the team's allowlist and picks the team's upstream key from the key snapshot.
/// Denials happen here, in middleware, so transforms only shape the outgoing request.
/// </summary>
internal sealed class ModelPolicyMiddleware
{
    private readonly RequestDelegate _next;
    private readonly IUpstreamKeyProvider _keys;

    public ModelPolicyMiddleware(RequestDelegate next, IUpstreamKeyProvider keys)
    {
        _next = next;
        _keys = keys;
    }

    public Task InvokeAsync(HttpContext context)
    {
        var feature = context.Features.GetRequiredFeature<GatewayRequestFeature>();
        var policy = feature.Policy!;
        if (feature.Model is { } model && !policy.Models.IsAllowed(model))
        {
            return ErrorResponseWriter.WriteAsync(context, GatewayErrors.ModelNotAllowed(model));
        }
        var key = _keys.GetKey(policy.UpstreamKey);
        if (key is null)
        {
            return ErrorResponseWriter.WriteAsync(context, GatewayErrors.UpstreamKeyUnavailable);
        }
        feature.UpstreamKey = key;
        return _next(context);
    }
}

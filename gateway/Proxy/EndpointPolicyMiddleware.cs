using AiGateway.Errors;
using AiGateway.Policies;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace AiGateway.Proxy;

/// <summary>Resolves the caller's team policy and refuses endpoints the team (or the token's scopes) may not use, before any body is read.</summary>
internal sealed class EndpointPolicyMiddleware
{
    private readonly RequestDelegate _next;
    private readonly IPolicyProvider _policies;

    public EndpointPolicyMiddleware(RequestDelegate next, IPolicyProvider policies)
    {
        _next = next;
        _policies = policies;
    }

    public Task InvokeAsync(HttpContext context)
    {
        var feature = context.Features.GetRequiredFeature<GatewayRequestFeature>();
        var policy = _policies.Current.Find(feature.Caller.Team);
        if (policy is null)
        {
            return ErrorResponseWriter.WriteAsync(context, GatewayErrors.NoTeamPolicy);
        }
        var endpointName = GatewayEndpointNames.ToName(feature.Route.Endpoint);
        if (!policy.Allows(feature.Route.Endpoint))
        {
            return ErrorResponseWriter.WriteAsync(context, GatewayErrors.EndpointNotAllowed(endpointName));
        }
        if (!feature.Caller.AllowsScope(endpointName))
        {
            return ErrorResponseWriter.WriteAsync(context, GatewayErrors.EndpointNotInTokenScope(endpointName));
        }
        feature.Policy = policy;
        return _next(context);
    }
}

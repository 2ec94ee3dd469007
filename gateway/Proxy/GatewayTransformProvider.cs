using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace AiGateway.Proxy;

/// <summary>
/// Builds the transforms of every gateway route once, when the route table loads: strip the <c>/v1</c>
/// prefix (the upstream base URL carries its own), no X-Forwarded headers (the upstream is a third
/// party and learns nothing about our network), the credential swap, and the model-list filter.
/// </summary>
internal sealed class GatewayTransformProvider : ITransformProvider
{

    public void ValidateRoute(TransformRouteValidationContext context)
    {
        if (ProxyRouteTable.ReadMetadata(context.Route) is null)
        {
            context.Errors.Add(new InvalidOperationException($"Route '{context.Route.RouteId}' has no gateway endpoint metadata; every proxied route must name its endpoint."));
        }
    }

    public void ValidateCluster(TransformClusterValidationContext context)
    {
    }

    public void Apply(TransformBuilderContext context)
    {
        if (context.Route is null || ProxyRouteTable.ReadMetadata(context.Route) is null)
        {
            return;
        }
        context.UseDefaultForwarders = false;
        context.AddPathRemovePrefix("/v1");
        context.RequestTransforms.Add(UpstreamCredentialTransform.Instance);
        context.ResponseTransforms.Add(UpstreamAuthFailureTransform.Instance);
        context.ResponseTransforms.Add(RateLimitHeadersTransform.Instance);
        if (context.Route.RouteId == "models")
        {
            context.ResponseTransforms.Add(ModelListResponseTransform.Instance);
        }
    }
}

using Yarp.ReverseProxy.Transforms;

namespace AiGateway.Proxy;

/// <summary>
/// An upstream 401 means the gateway's key for the team was refused (rotated, revoked): not the caller's
/// fault, and its body may echo part of that key. The body is dropped here and the request is marked so
/// <see cref="UpstreamKeyRetryMiddleware"/> can refresh the key and retry, or answer with the gateway's own 502.
/// </summary>
internal sealed class UpstreamAuthFailureTransform : ResponseTransform
{
    public static readonly UpstreamAuthFailureTransform Instance = new();

    public override ValueTask ApplyAsync(ResponseTransformContext context)
    {
        if (context.ProxyResponse?.StatusCode != System.Net.HttpStatusCode.Unauthorized
            || context.HttpContext.Features.Get<GatewayRequestFeature>() is not { } feature)
        {
            return default;
        }
        feature.UpstreamRejectedKey = true;
        context.SuppressResponseBody = true;
        return default;
    }
}

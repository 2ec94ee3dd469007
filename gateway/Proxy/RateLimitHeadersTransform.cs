using Yarp.ReverseProxy.Transforms;

namespace AiGateway.Proxy;

/// <summary>
/// Successful responses carry the gateway's own <c>x-ratelimit-*</c> headers. The upstream's (the provider
/// account's limits, shared by every team) would mislead callers, so they are replaced, or removed when
/// the team has no limits.
/// </summary>
internal sealed class RateLimitHeadersTransform : ResponseTransform
{
    public static readonly RateLimitHeadersTransform Instance = new();

    private static readonly string[] UpstreamHeaders =
    [
        "x-ratelimit-limit-requests", "x-ratelimit-remaining-requests", "x-ratelimit-reset-requests",
        "x-ratelimit-limit-tokens", "x-ratelimit-remaining-tokens", "x-ratelimit-reset-tokens",
    ];

    public override ValueTask ApplyAsync(ResponseTransformContext context)
    {
        var headers = context.HttpContext.Response.Headers;
        foreach (var name in UpstreamHeaders)
        {
            headers.Remove(name);
        }
        if (context.HttpContext.Features.Get<GatewayRequestFeature>()?.RateLimit is { } state)
        {
            RateLimitHeaders.Write(headers, state);
        }
        return default;
    }
}

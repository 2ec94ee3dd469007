using Yarp.ReverseProxy.Transforms;

namespace AiGateway.Proxy;

/// <summary>
/// Swaps the caller's credential for the team's upstream key on the outgoing request. No I/O and no
/// decisions: the key was chosen by <see cref="ModelPolicyMiddleware"/> from the in-memory snapshot.
/// </summary>
internal sealed class UpstreamCredentialTransform : RequestTransform
{
    public static readonly UpstreamCredentialTransform Instance = new();

    public override ValueTask ApplyAsync(RequestTransformContext context)
    {
        var headers = context.ProxyRequest.Headers;
        foreach (var name in GatewayHeaders.CallerCredentialHeaders)
        {
            headers.Remove(name);
        }
        RemoveInternalHeaders(context.HttpContext.Request.Headers, headers);
        // Usage is read from response bytes as they pass, so ask for them uncompressed.
        headers.Remove("Accept-Encoding");

        var key = context.HttpContext.Features.Get<GatewayRequestFeature>()?.UpstreamKey
            ?? throw new InvalidOperationException("No upstream key was selected; ModelPolicyMiddleware must run before the forwarder.");
        headers.TryAddWithoutValidation("Authorization", key.AuthorizationHeaderValue);
        return default;
    }

    // Scans the incoming header names (cheap on Kestrel) rather than the outgoing HttpHeaders, whose
    // enumeration materialises every value.
    private static void RemoveInternalHeaders(Microsoft.AspNetCore.Http.IHeaderDictionary incoming, System.Net.Http.Headers.HttpRequestHeaders outgoing)
    {
        foreach (var name in incoming.Keys)
        {
            if (name.StartsWith(GatewayHeaders.InternalPrefix, StringComparison.OrdinalIgnoreCase))
            {
                outgoing.Remove(name);
            }
        }
    }
}

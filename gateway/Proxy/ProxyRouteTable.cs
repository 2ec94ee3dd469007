using AiGateway.Policies;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;

namespace AiGateway.Proxy;

/// <summary>
/// The fixed set of proxied routes and the one upstream cluster. Anything not listed here never reaches
/// the upstream: the fallback answers 404 in OpenAI's shape.
/// </summary>
internal static class ProxyRouteTable
{
    public const string ClusterId = "upstream";
    private const string EndpointKey = "aigw.endpoint";
    private const string BodyKey = "aigw.body";

    public static IReadOnlyList<RouteConfig> Routes { get; } =
    [
        Route("chat", "POST", "/v1/chat/completions", GatewayEndpoint.Chat, jsonBody: true),
        Route("completions", "POST", "/v1/completions", GatewayEndpoint.Completions, jsonBody: true),
        Route("embeddings", "POST", "/v1/embeddings", GatewayEndpoint.Embeddings, jsonBody: true),
        Route("models", "GET", "/v1/models", GatewayEndpoint.Models, jsonBody: false),
        Route("model", "GET", "/v1/models/{**model}", GatewayEndpoint.Models, jsonBody: false),
    ];

    public static IReadOnlyList<ClusterConfig> Clusters(UpstreamOptions upstream) =>
    [
        new ClusterConfig
        {
            ClusterId = ClusterId,
            Destinations = new Dictionary<string, DestinationConfig>
            {
                ["primary"] = new() { Address = upstream.BaseUrl.TrimEnd('/') },
            },
            HttpRequest = new ForwarderRequestConfig
            {
                ActivityTimeout = TimeSpan.FromSeconds(upstream.ActivityTimeoutSeconds),
                // auto: YARP's default (HTTP/2, or lower when the upstream does not negotiate it).
                Version = upstream.HttpVersion switch { "1.1" => System.Net.HttpVersion.Version11, "2" => System.Net.HttpVersion.Version20, _ => null },
                VersionPolicy = upstream.HttpVersion is "1.1" or "2" ? System.Net.Http.HttpVersionPolicy.RequestVersionExact : null,
            },
        },
    ];

    /// <summary>Reads the metadata a route was built with; null for routes that are not the gateway's.</summary>
    public static GatewayRouteMetadata? ReadMetadata(RouteConfig route)
    {
        if (route.Metadata is null
            || !route.Metadata.TryGetValue(EndpointKey, out var name)
            || !GatewayEndpointNames.TryParse(name, out var endpoint))
        {
            return null;
        }
        return new GatewayRouteMetadata(endpoint, route.Metadata.TryGetValue(BodyKey, out var body) && body == "json");
    }

    private static RouteConfig Route(string id, string method, string path, GatewayEndpoint endpoint, bool jsonBody) => new()
    {
        RouteId = id,
        ClusterId = ClusterId,
        Match = new RouteMatch { Path = path, Methods = [method] },
        Metadata = new Dictionary<string, string>
        {
            [EndpointKey] = GatewayEndpointNames.ToName(endpoint),
            [BodyKey] = jsonBody ? "json" : "none",
        },
    };
}

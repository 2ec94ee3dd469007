using AiGateway.Policies;

namespace AiGateway.Proxy;

/// <summary>Endpoint metadata attached to each proxied route when the route table is built, so requests read it without parsing.</summary>
public sealed record GatewayRouteMetadata(GatewayEndpoint Endpoint, bool HasJsonBody);

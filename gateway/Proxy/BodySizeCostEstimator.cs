using AiGateway.Policies;

namespace AiGateway.Proxy;

/// <summary>
/// Placeholder cost estimate until the tokenizer-based estimators are wired: about four bytes of JSON per
/// prompt token (over-estimates, as JSON syntax counts too) plus the output cap.
/// </summary>
internal sealed class BodySizeCostEstimator : IRequestCostEstimator
{
    public long Estimate(GatewayRequestFeature feature)
    {
        var prompt = (feature.Body?.Length ?? 0) / 4 + 8;
        return feature.Route.Endpoint == GatewayEndpoint.Embeddings ? prompt : prompt + feature.OutputCap;
    }
}

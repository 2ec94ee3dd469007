using AiGateway.Limits.Estimation;
using AiGateway.Policies;

namespace AiGateway.Proxy;

/// <summary>
/// The reservation for a request: the prompt estimate of the estimator configured for its model (fast or
/// exact, <c>Limits:Estimator</c>) plus n × its output cap. The prompt estimate is kept on the feature for
/// the usage estimate of a stream that ends without a usage chunk.
/// </summary>
internal sealed class RequestCostEstimator : IRequestCostEstimator
{
    private readonly PromptEstimatorSelector _selector;

    public RequestCostEstimator(PromptEstimatorSelector selector) => _selector = selector;

    public long Estimate(GatewayRequestFeature feature)
    {
        var shape = feature.Route.Endpoint switch
        {
            GatewayEndpoint.Embeddings => PromptShape.Embeddings,
            GatewayEndpoint.Completions => PromptShape.Completions,
            _ => PromptShape.Chat,
        };
        var estimate = _selector.Select(feature.Model ?? "").Estimate(feature.Body is { } body ? body.Span : default, shape);
        feature.PromptTokensEstimate = estimate.PromptTokens;
        return ReservationCalculator.Calculate(estimate, shape, feature.OutputCap);
    }
}

namespace AiGateway.Proxy;

/// <summary>The tokens a request may use at most, as reserved at admission: prompt estimate plus n × output cap.</summary>
internal interface IRequestCostEstimator
{
    long Estimate(GatewayRequestFeature feature);
}

using System.Diagnostics;
using AiGateway.Policies;
using AiGateway.Telemetry;

namespace AiGateway.Proxy;

/// <summary>
/// The span of one proxied request, named <c>{gen_ai.operation.name} {gen_ai.request.model}</c> with GenAI semantic
/// convention attributes. Started only when something listens, so untraced requests allocate nothing for it.
/// </summary>
internal static class RequestActivity
{
    public static Activity? Start(GatewayRouteMetadata? route)
    {
        var source = GatewayActivity.Source;
        return source.HasListeners() ? source.StartActivity(Operation(route?.Endpoint), ActivityKind.Client) : null;
    }

    /// <summary>Tags the span with the request's outcome and ends it.</summary>
    public static void Complete(Activity activity, in CompletedRequest request, GatewayRequestFeature? feature, UpstreamEndpoint upstream)
    {
        var operation = Operation(feature?.Route.Endpoint);
        if (request.RequestedModel is { } model)
        {
            activity.DisplayName = $"{operation} {model}";
        }
        if (activity.IsAllDataRequested)
        {
            if (operation != GatewayActivity.ListModels)
            {
                activity.SetTag(GatewayActivity.OperationName, operation);
            }
            activity.SetTag(GatewayActivity.ProviderName, GatewayActivity.OpenAiProvider);
            activity.SetTag(GatewayActivity.System, GatewayActivity.OpenAiProvider);
            activity.SetTag(GatewayActivity.ServerAddress, upstream.Address);
            activity.SetTag(GatewayActivity.ServerPort, upstream.Port);
            activity.SetTag(GatewayActivity.Endpoint, request.Endpoint);
            activity.SetTag(GatewayActivity.Team, request.Team);
            activity.SetTag(GatewayActivity.HttpStatusCode, request.StatusCode);
            if (feature is not null)
            {
                TagCaller(activity, request, feature);
            }
        }
        if (request.Reason is not null || request.StatusCode >= 400)
        {
            var errorType = request.Reason ?? MetricLabels.ForStatusCode(request.StatusCode);
            activity.SetTag(GatewayActivity.ErrorType, errorType);
            activity.SetStatus(ActivityStatusCode.Error, errorType);
        }
        activity.Dispose();
    }

    private static void TagCaller(Activity activity, in CompletedRequest request, GatewayRequestFeature feature)
    {
        activity.SetTag(GatewayActivity.App, request.App);
        activity.SetTag(GatewayActivity.TokenId, request.TokenId);
        activity.SetTag(GatewayActivity.RequestId, request.RequestId);
        activity.SetTag(GatewayActivity.RequestModel, request.RequestedModel);
        activity.SetTag(GatewayActivity.Stream, feature.Stream);
        if (feature.OutputCap > 0)
        {
            activity.SetTag(GatewayActivity.RequestMaxTokens, feature.OutputCap);
        }
        activity.SetTag(GatewayActivity.ResponseId, feature.UpstreamRequestId);
        if (request.InputTokens is { } input)
        {
            activity.SetTag(GatewayActivity.InputTokens, input);
        }
        if (request.OutputTokens is { } output)
        {
            activity.SetTag(GatewayActivity.OutputTokens, output);
        }
        if (request.CostMicros is { } cost)
        {
            activity.SetTag(GatewayActivity.CostMicros, cost);
        }
    }

    private static string Operation(GatewayEndpoint? endpoint) => endpoint switch
    {
        GatewayEndpoint.Chat => GatewayActivity.Chat,
        GatewayEndpoint.Completions => GatewayActivity.TextCompletion,
        GatewayEndpoint.Embeddings => GatewayActivity.Embeddings,
        _ => GatewayActivity.ListModels,
    };
}

/// <summary>The upstream's host and port, as span attributes want them (parsed once from the base URL).</summary>
internal sealed record UpstreamEndpoint(string Address, int Port)
{
    public static UpstreamEndpoint From(UpstreamOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var uri = new Uri(options.BaseUrl, UriKind.Absolute);
        return new UpstreamEndpoint(uri.Host, uri.Port);
    }
}

using System.Diagnostics;
using AiGateway.Errors;
using AiGateway.Policies;
using AiGateway.Telemetry;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace AiGateway.Proxy;

/// <summary>
/// Outermost step of the proxy pipeline, so it sees every proxied request, 401s included: times it, and when it
/// ends records its metrics, its audit record and its span; puts <c>x-aigw-request-id</c> on the response.
/// Lives in Proxy, not Telemetry, because it reads the proxy's request feature; Telemetry knows nothing of HTTP.
/// </summary>
internal sealed class RequestTelemetryMiddleware
{
    private static readonly Func<object, Task> WriteRequestId = static state =>
    {
        var context = (HttpContext)state;
        if (context.Features.Get<GatewayRequestFeature>() is { } feature)
        {
            context.Response.Headers[GatewayHeaders.RequestId] = feature.RequestId;
        }
        return Task.CompletedTask;
    };

    private readonly RequestDelegate _next;
    private readonly GatewayMetrics _metrics;
    private readonly AuditLog _audit;
    private readonly UpstreamEndpoint _upstream;

    public RequestTelemetryMiddleware(RequestDelegate next, GatewayMetrics metrics, AuditLog audit, IOptions<UpstreamOptions> upstream)
    {
        _next = next;
        _metrics = metrics;
        _audit = audit;
        _upstream = UpstreamEndpoint.From(upstream.Value);
    }

    public async Task InvokeAsync(HttpContext context)
    {
        var start = Stopwatch.GetTimestamp();
        var route = context.GetEndpoint()?.Metadata.GetMetadata<GatewayRouteMetadata>();
        var activity = RequestActivity.Start(route);
        // OnStarting, not a header set once: a key-refresh retry clears the response before sending it again.
        context.Response.OnStarting(WriteRequestId, context);
        var completed = false;
        try
        {
            await _next(context).ConfigureAwait(false);
            completed = true;
        }
        finally
        {
            var request = Describe(context, route, Stopwatch.GetTimestamp() - start, completed);
            if (activity is not null)
            {
                RequestActivity.Complete(activity, request, context.Features.Get<GatewayRequestFeature>(), _upstream);
            }
            _audit.Request(request);
            // Last, so whoever watches the request counter may take a counted request as fully accounted for.
            _metrics.Record(request);
        }
    }

    private CompletedRequest Describe(HttpContext context, GatewayRouteMetadata? route, long elapsedTicks, bool completed)
    {
        var feature = context.Features.Get<GatewayRequestFeature>();
        var (statusCode, reason) = Outcome(context, completed);
        var usage = feature?.Usage;
        var model = feature?.Model;
        var allowed = model is not null && feature!.Policy is { } policy && policy.Models.IsAllowed(model);
        return new CompletedRequest
        {
            RequestId = feature?.RequestId,
            TokenId = feature?.Caller.Id,
            App = feature?.Caller.App,
            Team = feature?.Caller.Team ?? MetricLabels.Unknown,
            Model = _metrics.ModelLabel(model, allowed),
            RequestedModel = LogText.Clean(model),
            Endpoint = route is null ? MetricLabels.Unknown : GatewayEndpointNames.ToName(route.Endpoint),
            StatusCode = statusCode,
            Reason = reason,
            InputTokens = usage?.PromptTokens,
            OutputTokens = usage?.CompletionTokens,
            CostMicros = feature?.CostMicros,
            ElapsedTicks = elapsedTicks,
            UpstreamTicks = feature?.UpstreamElapsedTicks ?? 0,
            UpstreamAttempts = feature?.UpstreamAttempts ?? 0,
        };
    }

    private static (int StatusCode, string? Reason) Outcome(HttpContext context, bool completed)
    {
        var error = context.Features.Get<GatewayErrorFeature>();
        if (completed || context.Response.HasStarted)
        {
            return (context.Response.StatusCode, error?.Reason);
        }
        // An exception is on its way out: the exception handler answers 500 with the generic error, unless the
        // caller has gone, in which case nobody is answered (499, as proxies log it).
        return context.RequestAborted.IsCancellationRequested
            ? (StatusCodes.Status499ClientClosedRequest, null)
            : (StatusCodes.Status500InternalServerError, GatewayErrors.InternalError.Code ?? GatewayErrors.InternalError.Type);
    }
}

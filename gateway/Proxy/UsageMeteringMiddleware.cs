using AiGateway.Metering;
using AiGateway.Policies;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace AiGateway.Proxy;

/// <summary>
/// Shapes the forwarded body (the admitted output cap written in; for streams, usage asked of the upstream)
/// and meters the response as it passes — without buffering it — so the reservation can be corrected to
/// the real usage. A usage chunk the client did not ask for is removed from what it sees. A client that
/// leaves mid-stream is metered too: the upstream's usage if it arrived, else prompt estimate plus what was relayed.
/// </summary>
internal sealed class UsageMeteringMiddleware
{
    private readonly RequestDelegate _next;

    public UsageMeteringMiddleware(RequestDelegate next) => _next = next;

    public Task InvokeAsync(HttpContext context)
    {
        var feature = context.Features.GetRequiredFeature<GatewayRequestFeature>();
        return feature.Route.HasJsonBody ? MeterAsync(context, feature) : _next(context);
    }

    private async Task MeterAsync(HttpContext context, GatewayRequestFeature feature)
    {
        var rewrite = RequestBodyRewriter.Rewrite(feature.ForwardBody!.Span,
            new RequestRewriteOptions(feature.RewriteMaxTokens, EnsureStreamUsage: feature.Route.Endpoint != GatewayEndpoint.Embeddings));
        if (rewrite.Body is { } rewritten)
        {
            context.Response.RegisterForDispose(rewritten);
            feature.ForwardBody = rewritten;
            context.Request.Body = rewritten.AsStream();
            context.Request.ContentLength = rewritten.Length;
        }

        var meter = ResponseUsageMeter.Install(context, rewrite.StripUsageChunk);
        try
        {
            await _next(context).ConfigureAwait(false);
        }
        finally
        {
            var metered = await meter.FinishAsync().ConfigureAwait(false);
            if (metered.StatusCode is >= 200 and < 300)
            {
                var usage = metered.UsageOrEstimate(feature.PromptTokensEstimate);
                feature.Usage = usage;
                feature.ActualTokens = usage.TotalTokens;
            }
            else if (metered.StatusCode >= 400 || metered.StatusCode == 0)
            {
                // Nothing was generated for a refused or failed call.
                feature.ActualTokens = 0;
            }
        }
    }
}

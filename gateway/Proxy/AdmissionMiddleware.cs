using AiGateway.Errors;
using AiGateway.Limits;
using AiGateway.Policies;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace AiGateway.Proxy;

/// <summary>
/// Bounds the request's output (policy default or maximum), reserves its estimated tokens against the
/// team's and the token's TPM/RPM in one atomic store call, answers 429 (OpenAI-shaped, with
/// <c>retry-after</c> and <c>x-ratelimit-*</c>) when over, and always corrects the reservation to the real
/// usage afterwards — on success, upstream error or client disconnect alike.
/// </summary>
internal sealed partial class AdmissionMiddleware
{
    private readonly RequestDelegate _next;
    private readonly IAdmissionStore _store;
    private readonly IRequestCostEstimator _estimator;
    private readonly ILogger<AdmissionMiddleware> _logger;

    public AdmissionMiddleware(RequestDelegate next, IAdmissionStore store, IRequestCostEstimator estimator, ILogger<AdmissionMiddleware> logger)
    {
        _next = next;
        _store = store;
        _estimator = estimator;
        _logger = logger;
    }

    public Task InvokeAsync(HttpContext context)
    {
        var feature = context.Features.GetRequiredFeature<GatewayRequestFeature>();
        if (!feature.Route.HasJsonBody)
        {
            return _next(context);
        }
        var policy = feature.Policy!;
        if (DecideOutputCap(feature, policy) is { } capError)
        {
            return ErrorResponseWriter.WriteAsync(context, capError);
        }
        if (policy.TeamLimits.IsUnlimited && policy.TokenLimits.IsUnlimited)
        {
            return _next(context);
        }
        return AdmitAsync(context, feature, policy);
    }

    private static GatewayError? DecideOutputCap(GatewayRequestFeature feature, TeamPolicy policy)
    {
        if (feature.Route.Endpoint == GatewayEndpoint.Embeddings)
        {
            return null;
        }
        if (feature.MaxTokens is not { } requested)
        {
            feature.OutputCap = policy.DefaultMaxTokens;
            feature.RewriteMaxTokens = policy.DefaultMaxTokens;
            return null;
        }
        if (requested <= policy.MaximumMaxTokens)
        {
            feature.OutputCap = requested;
            return null;
        }
        if (!policy.ClampOverMaximum)
        {
            return GatewayErrors.MaxTokensOverMaximum("max_tokens", requested, policy.MaximumMaxTokens);
        }
        feature.OutputCap = policy.MaximumMaxTokens;
        feature.RewriteMaxTokens = policy.MaximumMaxTokens;
        return null;
    }

    private async Task AdmitAsync(HttpContext context, GatewayRequestFeature feature, TeamPolicy policy)
    {
        var estimate = _estimator.Estimate(feature);
        var result = await _store.AdmitAsync(
            new AdmissionRequest(policy.Team, feature.Caller.Id, policy.TeamLimits, policy.TokenLimits, estimate), context.RequestAborted).ConfigureAwait(false);
        if (result.StoreUnavailable)
        {
            RateLimitHeaders.WriteRetryAfter(context.Response.Headers, result.RetryAfterMs);
            await ErrorResponseWriter.WriteAsync(context, GatewayErrors.LimitsUnavailable).ConfigureAwait(false);
            return;
        }
        if (!result.Admitted)
        {
            await RefuseAsync(context, feature, policy, result, estimate).ConfigureAwait(false);
            return;
        }

        feature.Reservation = result.Reservation;
        feature.RateLimit = result.State;
        try
        {
            await _next(context).ConfigureAwait(false);
        }
        finally
        {
            // Unknown usage (no response, no usage in it) keeps the estimate: conservative, and gone within a minute.
            if (feature.ActualTokens is { } actual)
            {
                await _store.ReconcileAsync(result.Reservation, actual, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    private Task RefuseAsync(HttpContext context, GatewayRequestFeature feature, TeamPolicy policy, AdmissionResult result, long estimate)
    {
        var state = result.State;
        Log.RateLimited(_logger, policy.Team, feature.Caller.Id, result.Rejected);
        var headers = context.Response.Headers;
        RateLimitHeaders.Write(headers, state);
        var model = feature.Model ?? "?";
        GatewayError error;
        if (result.Rejected == LimitDimension.TokensTooLarge)
        {
            error = GatewayErrors.RequestTooLargeForLimit(model, Smallest(policy.TeamLimits.TokensPerMinute, policy.TokenLimits.TokensPerMinute), estimate);
        }
        else
        {
            RateLimitHeaders.WriteRetryAfter(headers, result.RetryAfterMs);
            error = result.Rejected == LimitDimension.Requests
                ? GatewayErrors.RateLimited("requests", model, policy.Team, state.RequestLimit, state.RequestLimit - state.RequestsRemaining, 1, result.RetryAfterMs)
                : GatewayErrors.RateLimited("tokens", model, policy.Team, state.TokenLimit, state.TokenLimit - state.TokensRemaining, estimate, result.RetryAfterMs);
        }
        return ErrorResponseWriter.WriteAsync(context, error);
    }

    private static long Smallest(long a, long b) => a <= 0 ? b : b <= 0 ? a : Math.Min(a, b);

    private static partial class Log
    {
        [LoggerMessage(EventId = Telemetry.EventIds.RateLimited, Level = LogLevel.Debug, EventName = "RateLimited",
            Message = "Refused a request of team {Team} (token {TokenId}) on {Dimension}.")]
        public static partial void RateLimited(ILogger logger, string team, string tokenId, LimitDimension dimension);
    }
}

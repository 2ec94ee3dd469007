using System.Diagnostics;
using AiGateway.Auth;
using AiGateway.Errors;
using AiGateway.Policies;
using AiGateway.Spend;
using AiGateway.Telemetry;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace AiGateway.Proxy;

/// <summary>
/// Prices the request (403 when its model has no price: never free), holds its worst-case cost against the
/// team's and the token's monthly caps and spend-velocity breakers (429 <c>insufficient_quota</c>; a
/// tripped breaker suspends the token or team, 403), and afterwards settles the real cost into the ledger
/// exactly once — on success, upstream error or client disconnect alike.
/// </summary>
internal sealed partial class SpendMiddleware
{
    private readonly RequestDelegate _next;
    private readonly ISpendStore _store;
    private readonly IPolicyProvider _policies;
    private readonly IRequestCostEstimator _estimator;
    private readonly SpendBreakerActions _breakers;
    private readonly SpendMetrics _metrics;
    private readonly AuditLog _audit;
    private readonly TimeProvider _time;
    private readonly ILogger<SpendMiddleware> _logger;

    public SpendMiddleware(RequestDelegate next, ISpendStore store, IPolicyProvider policies, IRequestCostEstimator estimator,
        SpendBreakerActions breakers, SpendMetrics metrics, AuditLog audit, TimeProvider time, ILogger<SpendMiddleware> logger)
    {
        _next = next;
        _store = store;
        _policies = policies;
        _estimator = estimator;
        _breakers = breakers;
        _metrics = metrics;
        _audit = audit;
        _time = time;
        _logger = logger;
    }

    public Task InvokeAsync(HttpContext context)
    {
        var feature = context.Features.GetRequiredFeature<GatewayRequestFeature>();
        if (!feature.Route.HasJsonBody)
        {
            return _next(context);
        }
        var model = feature.Model ?? "";
        if (!_policies.Current.Prices.TryGet(model, out var price))
        {
            feature.ActualTokens = 0; // never forwarded: the tokens admission held for it are released
            return ErrorResponseWriter.WriteAsync(context, GatewayErrors.ModelNotPriced(model));
        }
        return MeterAsync(context, feature, feature.Policy!, price);
    }

    private async Task MeterAsync(HttpContext context, GatewayRequestFeature feature, TeamPolicy policy, ModelPrice price)
    {
        var started = Stopwatch.GetTimestamp();
        var timeMs = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var spend = policy.Spend;
        SpendReservation? reservation = null;
        if (!spend.NothingToEnforce)
        {
            // Worst case: the prompt estimate plus every completion at its output cap.
            var tokens = feature.Reservation is { } held ? held.Tokens : _estimator.Estimate(feature);
            var prompt = Math.Min(feature.PromptTokensEstimate, tokens);
            var micros = Money.Cost(prompt, tokens - prompt, price);
            var admission = await _store.ReserveAsync(
                new SpendRequest(policy.Team, feature.Caller.Id, feature.RequestId, micros, spend, SpendCalendar.MonthOf(timeMs)), context.RequestAborted).ConfigureAwait(false);
            if (!admission.Admitted)
            {
                feature.ActualTokens = 0; // never forwarded: the tokens admission held for it are released
                await RefuseAsync(context, feature, policy, admission).ConfigureAwait(false);
                return;
            }
            reservation = admission.Reservation;
            feature.SpendReservation = reservation;
        }

        try
        {
            await _next(context).ConfigureAwait(false);
            await EndResponseAsync(context).ConfigureAwait(false);
        }
        finally
        {
            await SettleAsync(context, feature, policy, price, reservation, timeMs, started).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The caller has every byte it will get once the forwarder returns: ending the response here means the
    /// settle round trip (and admission's reconcile after it) is not part of the caller's latency. (A next
    /// request on the same connection still waits for it: Kestrel serves one request per connection at a time.)
    /// </summary>
    private static async Task EndResponseAsync(HttpContext context)
    {
        if (!context.Response.HasStarted || context.RequestAborted.IsCancellationRequested)
        {
            return;
        }
        try
        {
            await context.Response.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException)
        {
            // The client went away at the last moment; the record is still settled below.
        }
    }

    private async Task SettleAsync(HttpContext context, GatewayRequestFeature feature, TeamPolicy policy, ModelPrice price,
        SpendReservation? reservation, long timeMs, long started)
    {
        var usage = feature.Usage;
        var input = usage?.PromptTokens ?? 0;
        var output = usage?.CompletionTokens ?? 0;
        var cost = usage is null ? 0 : Money.Cost(input, output, price);
        feature.CostMicros = cost;
        feature.UpstreamRequestId ??= context.Response.Headers[GatewayHeaders.UpstreamRequestId].ToString() is { Length: > 0 and <= 200 } id ? id : null;
        var record = new LedgerRecord
        {
            RequestId = feature.RequestId,
            UpstreamRequestId = feature.UpstreamRequestId,
            TimeMs = timeMs,
            TokenId = feature.Caller.Id,
            Team = policy.Team,
            App = feature.Caller.App,
            Endpoint = GatewayEndpointNames.ToName(feature.Route.Endpoint),
            Model = feature.Model ?? "",
            InputTokens = input,
            OutputTokens = output,
            CostMicros = cost,
            Status = context.RequestAborted.IsCancellationRequested && !context.Response.HasStarted ? 0 : context.Response.StatusCode,
            LatencyMs = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds,
            UsageFromUpstream = usage?.FromUpstream ?? false,
            Stream = feature.Stream,
        };
        SettleResult result;
        try
        {
            result = await _store.SettleAsync(new Settlement(record, reservation, policy.Spend), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Log.SettleFailed(_logger, record.RequestId, policy.Team, ex.GetType().Name);
            return;
        }
        if (!result.Recorded)
        {
            return;
        }
        var spend = policy.Spend;
        _metrics.BudgetUsed(policy.Team, result.TeamMonthMicros, spend.TeamMonthlyCapMicros);
        if (result.TeamAlert)
        {
            Alert("team", policy, "", result.TeamMonthMicros, spend.TeamMonthlyCapMicros);
        }
        if (result.TokenAlert)
        {
            Alert("token", policy, record.TokenId, result.TokenMonthMicros, spend.TokenMonthlyCapMicros);
        }
        if (result.Tripped != SpendRefusal.None)
        {
            var team = result.Tripped == SpendRefusal.TeamVelocity;
            var limit = team ? spend.TeamBreaker : spend.TokenBreaker;
            await _breakers.TrippedAsync(policy.Team, team ? null : record.TokenId, limit.MaxMicros, limit.MaxMicros, limit.WindowSeconds).ConfigureAwait(false);
        }
    }

    private void Alert(string scope, TeamPolicy policy, string tokenId, long spent, long cap)
    {
        _metrics.BudgetAlert(policy.Team, scope);
        _audit.BudgetAlert(scope, policy.Team, tokenId, Money.FormatUsd(spent), Money.FormatUsd(cap), policy.Spend.AlertPercent);
    }

    private async Task RefuseAsync(HttpContext context, GatewayRequestFeature feature, TeamPolicy policy, SpendAdmission admission)
    {
        if (admission.StoreUnavailable)
        {
            context.Response.Headers.RetryAfter = "1";
            await ErrorResponseWriter.WriteAsync(context, GatewayErrors.SpendUnavailable).ConfigureAwait(false);
            return;
        }
        var spend = policy.Spend;
        Log.SpendRefused(_logger, policy.Team, feature.Caller.Id, admission.Refusal);
        GatewayError error;
        switch (admission.Refusal)
        {
            case SpendRefusal.TeamSuspended:
                error = GatewayErrors.TeamSuspended;
                break;
            case SpendRefusal.TokenSuspended:
                error = GatewayErrors.SuspendedToken;
                break;
            case SpendRefusal.TeamBudget:
                error = GatewayErrors.BudgetExhausted("the team", policy.Team, admission.SpentMicros, admission.LimitMicros);
                break;
            case SpendRefusal.TokenBudget:
                error = GatewayErrors.BudgetExhausted("this token", policy.Team, admission.SpentMicros, admission.LimitMicros);
                break;
            default:
                var team = admission.Refusal == SpendRefusal.TeamVelocity;
                var limit = team ? spend.TeamBreaker : spend.TokenBreaker;
                if (admission.Tripped)
                {
                    await _breakers.TrippedAsync(policy.Team, team ? null : feature.Caller.Id, admission.SpentMicros, limit.MaxMicros, limit.WindowSeconds).ConfigureAwait(false);
                }
                error = GatewayErrors.SpendBreakerTripped(team ? "team" : "token", policy.Team, admission.SpentMicros, limit.MaxMicros, limit.WindowSeconds);
                break;
        }
        await ErrorResponseWriter.WriteAsync(context, error).ConfigureAwait(false);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = EventIds.BudgetRefused, Level = LogLevel.Information, EventName = "SpendRefused",
            Message = "Refused a request of team {Team} (token {TokenId}): {Refusal}.")]
        public static partial void SpendRefused(ILogger logger, string team, string tokenId, SpendRefusal refusal);

        [LoggerMessage(EventId = EventIds.SettleFailed, Level = LogLevel.Error, EventName = "SettleFailed",
            Message = "Could not record request {RequestId} of team {Team} in the ledger: {Reason}. Check the data folder's disk and permissions.")]
        public static partial void SettleFailed(ILogger logger, string requestId, string team, string reason);
    }
}

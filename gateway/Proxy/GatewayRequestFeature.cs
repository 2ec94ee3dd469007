using AiGateway.Auth;
using AiGateway.Keys;
using AiGateway.Policies;

namespace AiGateway.Proxy;

/// <summary>
/// Per-request state of a proxied call, filled step by step by the proxy pipeline (like YARP's
/// IReverseProxyFeature): who called, under which policy, for which model, with which upstream key.
/// </summary>
public sealed class GatewayRequestFeature
{
    public GatewayRequestFeature(TokenRecord caller, GatewayRouteMetadata route)
    {
        Caller = caller;
        Route = route;
    }

    public TokenRecord Caller { get; }

    public GatewayRouteMetadata Route { get; }

    public TeamPolicy? Policy { get; set; }

    /// <summary>The model named by the request (body <c>model</c>, or the id in <c>GET /v1/models/{id}</c>).</summary>
    public string? Model { get; set; }

    public bool Stream { get; set; }

    /// <summary>Requested output cap (<c>max_tokens</c> or <c>max_completion_tokens</c>), when given.</summary>
    public int? MaxTokens { get; set; }

    public UpstreamKey? UpstreamKey { get; set; }

    /// <summary>The output cap this request is admitted with (its own, clamped, or the policy default).</summary>
    public int OutputCap { get; set; }

    /// <summary>When set, the forwarded body gets this <c>max_tokens</c> (inserted, or replacing a larger one).</summary>
    internal int? RewriteMaxTokens { get; set; }

    /// <summary>Tokens reserved at admission, and where; corrected to <see cref="ActualTokens"/> afterwards.</summary>
    internal Limits.Reservation? Reservation { get; set; }

    /// <summary>The rate-limit state reported in the response headers.</summary>
    internal Limits.RateLimitState? RateLimit { get; set; }

    /// <summary>Total tokens the request really used, once known (from the upstream's usage, or an estimate).</summary>
    public long? ActualTokens { get; set; }

    /// <summary>Prompt tokens estimated at admission (0 when no estimate was made).</summary>
    public int PromptTokensEstimate { get; set; }

    /// <summary>The usage read from the response (or estimated when the upstream sent none).</summary>
    public Metering.UsageReport? Usage { get; set; }

    /// <summary>The body as forwarded (after any rewrite); a retry sends exactly these bytes again.</summary>
    internal Storage.PooledBytes? ForwardBody { get; set; }

    /// <summary>The buffered request body, kept so the request can be sent again after a key refresh.</summary>
    internal Storage.PooledBytes? Body { get; set; }

    /// <summary>Set by the response transform when the upstream answered 401 to <see cref="UpstreamKey"/>.</summary>
    internal bool UpstreamRejectedKey { get; set; }

    /// <summary>
    /// The gateway's id for this request (<c>x-aigw-request-id</c> on the response): the spend ledger's
    /// idempotency key and what audit records and traces carry.
    /// </summary>
    public string RequestId { get; } = Spend.RequestIds.New();

    /// <summary>The upstream's <c>x-request-id</c>, when it sent one: what the provider's bill is keyed by.</summary>
    public string? UpstreamRequestId { get; set; }

    /// <summary>What the request cost in micro-dollars once metered (null while unknown or when not priced).</summary>
    public long? CostMicros { get; set; }

    /// <summary>Micro-dollars reserved at admission against budgets and spend-velocity breakers.</summary>
    internal Spend.SpendReservation? SpendReservation { get; set; }

    /// <summary>
    /// <see cref="System.Diagnostics.Stopwatch"/> ticks spent forwarding to the upstream and relaying its answer (a
    /// stream until its end), summed over attempts; the rest of the request's time is the gateway's own overhead.
    /// </summary>
    public long UpstreamElapsedTicks { get; set; }

    /// <summary>How many times the request was sent upstream (two after a key-refresh retry).</summary>
    public int UpstreamAttempts { get; set; }
}

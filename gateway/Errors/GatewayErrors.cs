namespace AiGateway.Errors;

/// <summary>
/// The catalogue of caller-safe errors. Messages never contain a key, a token secret or request
/// content; they name what the caller can change.
/// </summary>
public static class GatewayErrors
{
    private const string InvalidRequest = "invalid_request_error";

    public static readonly GatewayError MissingCredential = new(401, InvalidRequest, null,
        "You didn't provide an API key. Send your gateway token as 'Authorization: Bearer <token>' or in the 'api-key' header.");

    public static readonly GatewayError InvalidToken = new(401, InvalidRequest, "invalid_api_key",
        "Incorrect API key provided. Use a gateway token (aigw_...) issued for your team.");

    public static readonly GatewayError ExpiredToken = new(401, InvalidRequest, "invalid_api_key",
        "The gateway token has expired. Ask your team admin for a new one.");

    public static readonly GatewayError RevokedToken = new(401, InvalidRequest, "invalid_api_key",
        "The gateway token has been revoked.");

    public static readonly GatewayError SuspendedToken = new(403, InvalidRequest, "token_suspended",
        "The gateway token is suspended. An admin must reinstate it.") { NotRetryable = true };

    public static readonly GatewayError NoTeamPolicy = new(403, InvalidRequest, "team_not_configured",
        "Your token's team has no policy on this gateway.") { NotRetryable = true };

    public static readonly GatewayError RequestTooLarge = new(413, InvalidRequest, "request_too_large",
        "The request body is larger than this gateway accepts.") { NotRetryable = true };

    public static readonly GatewayError UpstreamUnavailable = new(502, "server_error", "upstream_unavailable",
        "The gateway could not reach the upstream API. Try again later.");

    public static readonly GatewayError UpstreamTimeout = new(504, "server_error", "upstream_timeout",
        "The upstream API did not answer in time. Try again later.");

    public static readonly GatewayError UpstreamCredentialRejected = new(502, "server_error", "upstream_auth_failed",
        "The upstream API refused the gateway's credential for your team. The gateway operator has been alerted.");

    public static readonly GatewayError UpstreamKeyUnavailable = new(503, "server_error", "upstream_key_unavailable",
        "The gateway has no upstream credential for your team yet. Ask the gateway operator to configure it.");

    public static readonly GatewayError InternalError = new(500, "server_error", null,
        "The gateway had an error while processing your request.");

    public static GatewayError EndpointNotAllowed(string endpoint) => new(403, InvalidRequest, "endpoint_not_allowed",
        $"Your team is not allowed to use the '{endpoint}' endpoint.") { NotRetryable = true };

    public static GatewayError EndpointNotInTokenScope(string endpoint) => new(403, InvalidRequest, "endpoint_not_allowed",
        $"This token is not scoped for the '{endpoint}' endpoint.") { NotRetryable = true };

    public static GatewayError ModelNotAllowed(string model) => new(403, InvalidRequest, "model_not_allowed",
        $"Your team is not allowed to use the model '{Printable(model)}'.", "model") { NotRetryable = true };

    public static readonly GatewayError TokenStoreUnavailable = new(503, "server_error", "auth_unavailable",
        "The gateway cannot verify tokens right now. Try again shortly.");

    public static readonly GatewayError LimitsUnavailable = new(503, "server_error", "limits_unavailable",
        "The gateway cannot check rate limits right now and is configured to refuse until it can. Try again shortly.");

    public static readonly GatewayError SpendUnavailable = new(503, "server_error", "budget_unavailable",
        "The gateway cannot check budgets right now and is configured to refuse until it can. Try again shortly.");

    public static GatewayError ModelNotPriced(string model) => new(403, InvalidRequest, "model_not_priced",
        $"The model '{Printable(model)}' has no price on this gateway, so it cannot be metered. Ask the gateway operator to add it to policies/pricing.json.", "model")
    { NotRetryable = true };

    /// <summary>OpenAI's answer when an account is out of credit: 429 <c>insufficient_quota</c>, never worth retrying.</summary>
    public static GatewayError BudgetExhausted(string scope, string team, long spentMicros, long capMicros) => new(429, "insufficient_quota", "insufficient_quota",
        $"You exceeded your current quota: {scope} of team {team} has spent ${Spend.Money.FormatUsd(spentMicros)} (including requests in flight) of its monthly budget of ${Spend.Money.FormatUsd(capMicros)}. Ask your platform team to raise the budget; it resets on the 1st (UTC).")
    { NotRetryable = true };

    public static GatewayError SpendBreakerTripped(string scope, string team, long spentMicros, long maxMicros, int windowSeconds) => new(403, InvalidRequest, scope == "token" ? "token_suspended" : "team_suspended",
        $"Spend-velocity breaker tripped: this {scope} of team {team} would spend more than ${Spend.Money.FormatUsd(maxMicros)} in {GoDuration.Format(windowSeconds * 1000L)} (already ${Spend.Money.FormatUsd(spentMicros)}). It is suspended until an admin reinstates it.")
    { NotRetryable = true };

    public static readonly GatewayError TeamSuspended = new(403, InvalidRequest, "team_suspended",
        "Your team is suspended by its spend-velocity breaker. An admin must reinstate it.") { NotRetryable = true };

    public static GatewayError RateLimited(string dimension, string model, string team, long limit, long used, long requested, long retryAfterMs)
    {
        var per = dimension == "tokens" ? "tokens per min (TPM)" : "requests per min (RPM)";
        return new(429, dimension, "rate_limit_exceeded",
            $"Rate limit reached for {Printable(model)} in team {team} on {per}: Limit {limit}, Used {used}, Requested {requested}. Please try again in {GoDuration.Format(retryAfterMs)}.");
    }

    public static GatewayError RequestTooLargeForLimit(string model, long limit, long requested) => new(429, "tokens", "rate_limit_exceeded",
        $"Request too large for {Printable(model)} on tokens per min (TPM): Limit {limit}, Requested {requested}. Lower max_tokens or shorten the prompt; retrying cannot succeed.")
    { NotRetryable = true };

    public static GatewayError MaxTokensOverMaximum(string param, int requested, int maximum) => new(400, InvalidRequest, "max_tokens_too_large",
        $"'{param}' is {requested}, above this team's maximum of {maximum}.", param) { NotRetryable = true };

    public static GatewayError InvalidJson(string detail) => new(400, InvalidRequest, "invalid_json",
        $"We could not parse the JSON body of your request. {detail}");

    public static GatewayError InvalidField(string param, string message) => new(400, InvalidRequest, "invalid_type",
        message, param);

    public static GatewayError MissingField(string param) => new(400, InvalidRequest, "missing_required_parameter",
        $"Missing required parameter: '{param}'.", param);

    public static GatewayError UnknownUrl(string method, string path) => new(404, InvalidRequest, "unknown_url",
        $"Invalid URL ({method} {Printable(path)})");

    /// <summary>Caller-supplied text echoed in a message is cut short and stripped of control characters.</summary>
    private static string Printable(string value)
    {
        const int max = 128;
        var span = value.AsSpan(0, Math.Min(value.Length, max));
        var clean = string.Create(span.Length, value, static (dest, src) =>
        {
            for (var i = 0; i < dest.Length; i++)
            {
                dest[i] = char.IsControl(src[i]) ? '?' : src[i];
            }
        });
        return value.Length > max ? clean + "..." : clean;
    }
}

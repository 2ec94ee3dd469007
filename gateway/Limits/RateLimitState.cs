namespace AiGateway.Limits;

/// <summary>
/// What the <c>x-ratelimit-*</c> headers report: the tighter of the team's and the token's limits, what is
/// left in the current 60-second window, and how long until the window is empty again.
/// </summary>
public readonly record struct RateLimitState(
    long RequestLimit, long RequestsRemaining, long RequestsResetMs,
    long TokenLimit, long TokensRemaining, long TokensResetMs);

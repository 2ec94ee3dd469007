using AiGateway.Auth;
using AiGateway.Telemetry;
using Microsoft.Extensions.Logging;

namespace AiGateway.Spend;

/// <summary>
/// What follows a tripped spend-velocity breaker: a token is suspended in the token store (so every
/// replica refuses it, as after an admin's suspension), a team stays refused by the open breaker; both
/// are counted (alert metric), audited and logged. An admin reinstates through the admin API.
/// </summary>
public sealed partial class SpendBreakerActions
{
    private readonly ITokenStore _tokens;
    private readonly SpendMetrics _metrics;
    private readonly AuditLog _audit;
    private readonly TimeProvider _time;
    private readonly ILogger<SpendBreakerActions> _logger;

    public SpendBreakerActions(ITokenStore tokens, SpendMetrics metrics, AuditLog audit, TimeProvider time, ILogger<SpendBreakerActions> logger)
    {
        _tokens = tokens;
        _metrics = metrics;
        _audit = audit;
        _time = time;
        _logger = logger;
    }

    /// <param name="team">The team.</param>
    /// <param name="tokenId">The token that tripped its breaker, or null for the team's breaker.</param>
    /// <param name="spentMicros">Spend counted in the window (settled plus held) when it tripped.</param>
    /// <param name="maxMicros">The breaker's limit.</param>
    /// <param name="windowSeconds">The breaker's window.</param>
    public async Task TrippedAsync(string team, string? tokenId, long spentMicros, long maxMicros, int windowSeconds)
    {
        var scope = tokenId is null ? "team" : "token";
        _metrics.BreakerTripped(team, scope);
        _audit.BreakerTripped(scope, team, tokenId ?? "", Money.FormatUsd(spentMicros), Money.FormatUsd(maxMicros), windowSeconds);
        Log.Tripped(_logger, scope, team, tokenId ?? "-", Money.FormatUsd(maxMicros), windowSeconds);
        if (tokenId is null)
        {
            return;
        }
        try
        {
            await _tokens.SetStatusAsync(tokenId, TokenStatus.Suspended,
                $"spend-velocity breaker: over ${Money.FormatUsd(maxMicros)} per {windowSeconds}s", _time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
        }
        catch (TokenStoreUnavailableException)
        {
            // The open breaker in the spend store keeps refusing the token meanwhile.
            Log.SuspendDeferred(_logger, tokenId);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = EventIds.BreakerTripped, Level = LogLevel.Warning, EventName = "BreakerTripped",
            Message = "Spend-velocity breaker tripped for {Scope} of team {Team} (token {TokenId}): over ${MaxUsd} per {WindowSeconds}s. Suspended until an admin reinstates it.")]
        public static partial void Tripped(ILogger logger, string scope, string team, string tokenId, string maxUsd, int windowSeconds);

        [LoggerMessage(EventId = EventIds.BreakerSuspendDeferred, Level = LogLevel.Error, EventName = "BreakerSuspendDeferred",
            Message = "Could not mark token {TokenId} suspended in the token store; its open breaker keeps refusing it.")]
        public static partial void SuspendDeferred(ILogger logger, string tokenId);
    }
}

using System.Collections.Concurrent;

namespace AiGateway.Limits;

/// <summary>
/// Admission for a single instance (the embedded default) and the local fallback of the Redis store:
/// the same sliding windows in memory, one lock per team so the team's and its token's windows change together.
/// </summary>
internal sealed class EmbeddedAdmissionStore : IAdmissionStore
{
    private readonly TimeProvider _time;
    private readonly bool _local;
    private readonly ConcurrentDictionary<string, TeamWindows> _teams = new(StringComparer.Ordinal);

    public EmbeddedAdmissionStore(TimeProvider time, bool local = false)
    {
        _time = time;
        _local = local;
    }

    public ValueTask<AdmissionResult> AdmitAsync(AdmissionRequest request, CancellationToken cancellationToken)
    {
        var nowMs = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var now = nowMs / 1000;
        var team = _teams.GetOrAdd(request.Team, static _ => new TeamWindows());
        lock (team)
        {
            var token = request.TokenLimits.IsUnlimited ? null : team.Token(request.TokenId);
            var rejected = Check(team.Requests, request.TeamLimits.RequestsPerMinute, 1, nowMs)
                ?? (token is null ? null : Check(token.Requests, request.TokenLimits.RequestsPerMinute, 1, nowMs));
            var tokenRejection = CheckTokens(team.Tokens, request.TeamLimits.TokensPerMinute, request.Tokens, nowMs)
                ?? (token is null ? null : CheckTokens(token.Tokens, request.TokenLimits.TokensPerMinute, request.Tokens, nowMs));
            var refusal = tokenRejection is { Dimension: LimitDimension.TokensTooLarge } ? tokenRejection : rejected ?? tokenRejection;
            if (refusal is null)
            {
                team.Requests.Add(now, 1);
                team.Tokens.Add(now, request.Tokens);
                token?.Requests.Add(now, 1);
                token?.Tokens.Add(now, request.Tokens);
            }
            var state = State(team, token, request, nowMs);
            return new(refusal is { } r
                ? new AdmissionResult(false, r.Dimension, r.RetryAfterMs, state, default)
                : new AdmissionResult(true, LimitDimension.None, 0, state, new Reservation(request.Team, request.TokenId, token is not null, now, request.Tokens, _local)));
        }
    }

    public ValueTask ReconcileAsync(Reservation reservation, long actualTokens, CancellationToken cancellationToken)
    {
        if (_teams.TryGetValue(reservation.Team, out var team))
        {
            var now = _time.GetUtcNow().ToUnixTimeSeconds();
            var delta = actualTokens - reservation.Tokens;
            lock (team)
            {
                team.Tokens.Adjust(now, reservation.Second, delta);
                if (reservation.TokenLimited)
                {
                    team.Token(reservation.TokenId).Tokens.Adjust(now, reservation.Second, delta);
                }
            }
        }
        return default;
    }

    private static Refusal? Check(SlidingWindow window, long limit, long needed, long nowMs)
    {
        if (limit <= 0 || window.Used(nowMs / 1000) + needed <= limit)
        {
            return null;
        }
        return new Refusal(LimitDimension.Requests, window.RetryAfterMs(nowMs, limit, needed));
    }

    private static Refusal? CheckTokens(SlidingWindow window, long limit, long needed, long nowMs)
    {
        if (limit <= 0)
        {
            return null;
        }
        if (needed > limit)
        {
            return new Refusal(LimitDimension.TokensTooLarge, 0);
        }
        return window.Used(nowMs / 1000) + needed <= limit ? null : new Refusal(LimitDimension.Tokens, window.RetryAfterMs(nowMs, limit, needed));
    }

    private static RateLimitState State(TeamWindows team, Windows? token, AdmissionRequest request, long nowMs)
    {
        var now = nowMs / 1000;
        (long, long, long) Of(SlidingWindow window, long limit) => (limit, Math.Max(0, limit - window.Used(now)), window.ResetMs(nowMs));
        var requests = Of(team.Requests, request.TeamLimits.RequestsPerMinute);
        var tokens = Of(team.Tokens, request.TeamLimits.TokensPerMinute);
        if (token is not null)
        {
            requests = AdmissionDecision.Tighter(requests, Of(token.Requests, request.TokenLimits.RequestsPerMinute));
            tokens = AdmissionDecision.Tighter(tokens, Of(token.Tokens, request.TokenLimits.TokensPerMinute));
        }
        return new RateLimitState(requests.Item1, requests.Item2, requests.Item3, tokens.Item1, tokens.Item2, tokens.Item3);
    }

    private readonly record struct Refusal(LimitDimension Dimension, long RetryAfterMs);

    private class Windows
    {
        public SlidingWindow Requests { get; } = new();
        public SlidingWindow Tokens { get; } = new();
    }

    private sealed class TeamWindows : Windows
    {
        private readonly Dictionary<string, Windows> _tokens = new(StringComparer.Ordinal);

        // Called under the team lock.
        public Windows Token(string tokenId)
        {
            if (!_tokens.TryGetValue(tokenId, out var windows))
            {
                windows = new Windows();
                _tokens[tokenId] = windows;
            }
            return windows;
        }
    }
}

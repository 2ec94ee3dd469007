using System.Collections.Concurrent;
using AiGateway.Storage.Redis;
using StackExchange.Redis;

namespace AiGateway.Limits;

/// <summary>
/// Admission shared by every replica: one EVALSHA round trip per request (scripts/admit.lua), one per
/// reconciliation. Keys are built once per team and token and cached, so the hot path allocates only the argument array.
/// </summary>
internal sealed class RedisAdmissionStore : IAdmissionStore
{
    private readonly RedisConnection _redis;
    private readonly ConcurrentDictionary<(string Team, string Token), RedisKey[]> _keys = new();

    public RedisAdmissionStore(RedisConnection redis) => _redis = redis;

    public async ValueTask<AdmissionResult> AdmitAsync(AdmissionRequest request, CancellationToken cancellationToken)
    {
        var keys = KeysFor(request.Team, request.TokenId);
        RedisValue[] args =
        [
            request.TeamLimits.TokensPerMinute, request.TeamLimits.RequestsPerMinute,
            request.TokenLimits.TokensPerMinute, request.TokenLimits.RequestsPerMinute, request.Tokens,
        ];
        var reply = (RedisResult[])(await _redis.Database.ScriptEvaluateAsync(LimitScripts.Admit, keys, args).ConfigureAwait(false))!;
        var refusal = (LimitDimension)(int)reply[0];
        var state = new RateLimitState((long)reply[3], (long)reply[4], (long)reply[5], (long)reply[6], (long)reply[7], (long)reply[8]);
        return refusal == LimitDimension.None
            ? new AdmissionResult(true, LimitDimension.None, 0, state,
                new Reservation(request.Team, request.TokenId, !request.TokenLimits.IsUnlimited, (long)reply[2], request.Tokens, Local: false))
            : new AdmissionResult(false, refusal, (long)reply[1], state, default);
    }

    public async ValueTask ReconcileAsync(Reservation reservation, long actualTokens, CancellationToken cancellationToken)
    {
        var delta = actualTokens - reservation.Tokens;
        if (delta == 0)
        {
            return;
        }
        var all = KeysFor(reservation.Team, reservation.TokenId);
        RedisKey[] keys = reservation.TokenLimited ? [all[0], all[2]] : [all[0]];
        await _redis.Database.ScriptEvaluateAsync(LimitScripts.Reconcile, keys, [reservation.Second, delta]).ConfigureAwait(false);
    }

    private RedisKey[] KeysFor(string team, string tokenId) => _keys.GetOrAdd((team, tokenId), static (key, keys) =>
    [
        keys.TeamTokensPerMinute(key.Team), keys.TeamRequestsPerMinute(key.Team),
        keys.TokenTokensPerMinute(key.Team, key.Token), keys.TokenRequestsPerMinute(key.Team, key.Token),
    ], _redis.Keys);
}

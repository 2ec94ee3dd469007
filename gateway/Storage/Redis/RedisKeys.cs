namespace AiGateway.Storage.Redis;

/// <summary>
/// The only place Redis key names are built. Everything about one team shares the hash tag
/// <c>{prefix:team}</c>, so each Lua script touches a single Redis Cluster slot.
/// </summary>
public sealed class RedisKeys
{
    private readonly string _prefix;

    public RedisKeys(string prefix)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(prefix);
        _prefix = prefix;
    }

    public string Prefix => _prefix;

    /// <summary>Hash-tagged root of a team's keys.</summary>
    public string Team(string team) => $"{{{_prefix}:{team}}}";

    // Rate windows carry their running sum (admit.lua); the ":w:" names keep them apart from the windows of
    // versions without it, which could not read the extra fields, while replicas of both run side by side.
    public string TeamTokensPerMinute(string team) => Team(team) + ":w:tpm";

    public string TeamRequestsPerMinute(string team) => Team(team) + ":w:rpm";

    public string TokenTokensPerMinute(string team, string tokenId) => Team(team) + ":tok:" + tokenId + ":w:tpm";

    public string TokenRequestsPerMinute(string team, string tokenId) => Team(team) + ":tok:" + tokenId + ":w:rpm";

    /// <summary>Settled spend of a month ("yyyy-MM"): field <c>team</c> and one <c>tok:&lt;id&gt;</c> per token.</summary>
    public string SpendMonth(string team, string month) => Team(team) + ":spend:" + month;

    /// <summary>Spend held by requests in flight: field <c>team</c> and one <c>tok:&lt;id&gt;</c> per token.</summary>
    public string SpendReserved(string team) => Team(team) + ":spend:held";

    /// <summary>Holds by request id (sorted set scored by expiry) and their amounts (hash).</summary>
    public string SpendHolds(string team) => Team(team) + ":spend:holds";

    public string SpendHoldAmounts(string team) => Team(team) + ":spend:holds:amt";

    /// <summary>Spend-velocity buckets of the team (<paramref name="tokenId"/> null) or of one token.</summary>
    public string SpendVelocity(string team, string? tokenId) => tokenId is null ? Team(team) + ":vel" : Team(team) + ":vel:tok:" + tokenId;

    /// <summary>Open spend-velocity breakers: field <c>team</c> and <c>tok:&lt;id&gt;</c>, value the trip time.</summary>
    public string Breakers(string team) => Team(team) + ":breakers";

    /// <summary>Marks a request id as settled (idempotency of the ledger).</summary>
    public string LedgerSeen(string team, string requestId) => Team(team) + ":seen:" + requestId;

    /// <summary>The team's spend ledger: a Redis Stream, never trimmed by the gateway.</summary>
    public string Ledger(string team) => Team(team) + ":ledger";

    /// <summary>Aggregates of one UTC day ("yyyy-MM-dd"): fields <c>c|i|o|n</c> + app, model, token.</summary>
    public string SpendDay(string team, string day) => Team(team) + ":agg:" + day;

    /// <summary>Every team that has ledger records (its own slot; written once per team and process).</summary>
    public string SpendTeams => $"{{{_prefix}:spend}}:teams";

    /// <summary>
    /// Caller-token records (not per team: looked up by hash before the team is known). The write scripts
    /// touch the id, hash and index keys together, so they share the hash tag <c>{prefix:token}</c>.
    /// </summary>
    public string TokenByHash(string hashHex) => $"{{{_prefix}:token}}:hash:{hashHex}";

    public string TokenById(string tokenId) => $"{{{_prefix}:token}}:id:{tokenId}";

    public string TokenIndex => $"{{{_prefix}:token}}:index";

    /// <summary>Pub/sub channel announcing token changes (revoke, suspend, reinstate) to every replica.</summary>
    public string TokenEventsChannel => $"{_prefix}:token:events";
}

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

    public string TeamTokensPerMinute(string team) => Team(team) + ":tpm";

    public string TeamRequestsPerMinute(string team) => Team(team) + ":rpm";

    public string TokenTokensPerMinute(string team, string tokenId) => Team(team) + ":tok:" + tokenId + ":tpm";

    public string TokenRequestsPerMinute(string team, string tokenId) => Team(team) + ":tok:" + tokenId + ":rpm";

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

using StackExchange.Redis;

namespace AiGateway.Auth.Redis;

/// <summary>
/// The token store's writes, each one atomic Lua script. Keys travel in KEYS (the <c>RedisKey</c> parameters), so
/// Redis Cluster can route them; the script only runs if they share a slot (see <see cref="RedisTokenStore"/>).
/// Prepared once; the library calls them by SHA and re-sends the text after <c>NOSCRIPT</c> (e.g. a restarted Redis).
/// The PUBLISH is inside the script so an invalidation goes out exactly when the write happens.
/// </summary>
internal static class TokenScripts
{
    public const int Added = 0;
    public const int DuplicateId = 1;
    public const int DuplicateHash = 2;

    /// <summary>Stores a new record under its id and its hash and indexes it; refuses an existing id or hash.</summary>
    public static readonly LuaScript Add = LuaScript.Prepare("""
        if redis.call('EXISTS', @byId) == 1 then return 1 end
        if redis.call('EXISTS', @byHash) == 1 then return 2 end
        redis.call('SET', @byId, @record)
        redis.call('SET', @byHash, @record)
        redis.call('ZADD', @index, @createdAt, @id)
        redis.call('PUBLISH', @channel, @message)
        return 0
        """);

    /// <summary>
    /// Compare-and-set: replaces the record only if it is still exactly <c>@expected</c> (1), else changes nothing (0).
    /// The caller decides the new record (e.g. "revocation is final") from what it read, so a concurrent change
    /// makes it read again instead of overwriting.
    /// </summary>
    public static readonly LuaScript Replace = LuaScript.Prepare("""
        if redis.call('GET', @byId) ~= @expected then return 0 end
        redis.call('SET', @byId, @record)
        redis.call('SET', @byHash, @record)
        redis.call('PUBLISH', @channel, @message)
        return 1
        """);
}

using System.Text.Json;
using AiGateway.Storage.Redis;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace AiGateway.Auth.Redis;

/// <summary>
/// Token store shared by every replica through Redis. A record is JSON (hash as hex, never a secret) at
/// <c>TokenById(id)</c> and, identically, at <c>TokenByHash(hex)</c> so a lookup is one GET; <c>TokenIndex</c> is a
/// sorted set of ids by creation time for listing. Writes are Lua scripts that also PUBLISH the token's id and hash on
/// <c>TokenEventsChannel</c>, and every replica drops that token from its <see cref="TokenCache"/> when it hears it.
/// <para>
/// Lookups: a fresh cache entry (found: <c>Redis:TokenCacheMilliseconds</c>, default 1 s; not found: at most 100 ms)
/// completes synchronously. Otherwise one GET. When Redis cannot answer, a cached record up to 30 s past its
/// lifetime is served; anything else throws <see cref="TokenStoreUnavailableException"/>, and the caller decides
/// between fail-open and fail-closed. A disconnected multiplexer fails fast instead of queueing the lookup.
/// </para>
/// <para>
/// Redis Cluster: a write script touches the id key, the hash key and the index, so those three must share one hash
/// slot (a common hash tag in <see cref="RedisKeys"/>); reads are single-key and route anywhere.
/// </para>
/// </summary>
internal sealed class RedisTokenStore : ITokenStore, IDisposable
{
    // Compare-and-set rounds for a status change before giving up; only concurrent admin changes make it retry.
    private const int MaxStatusAttempts = 32;

    private readonly RedisConnection _connection;
    private readonly RedisKeys _keys;
    private readonly ILogger<RedisTokenStore> _logger;
    private readonly TokenCache _cache;
    private readonly TokenEventListener _events;
    private readonly RedisMetrics _metrics;

    public RedisTokenStore(RedisConnection connection, TimeProvider timeProvider, ILogger<RedisTokenStore> logger, TimeSpan cacheTtl, RedisMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(metrics);
        _metrics = metrics;
        _connection = connection;
        _keys = connection.Keys;
        _logger = logger;
        _cache = new TokenCache(timeProvider, cacheTtl);
        _events = new TokenEventListener(connection.Multiplexer, _keys.TokenEventsChannel, _cache, logger);
    }

    /// <summary>Completes once invalidations reach this replica (tests await it before publishing).</summary>
    internal Task Subscribed => _events.Subscribed;

    /// <summary>Raised with the token id after an invalidation message was applied to this replica's cache.</summary>
    internal event Action<string>? InvalidationProcessed
    {
        add => _events.Invalidated += value;
        remove => _events.Invalidated -= value;
    }

    /// <summary>Raised after a reconnect cleared this replica's cache and invalidations were confirmed again.</summary>
    internal event Action<ConnectionType>? Resynchronized
    {
        add => _events.Resynchronized += value;
        remove => _events.Resynchronized -= value;
    }

    internal TokenCache Cache => _cache;

    private IDatabase Database => _connection.Database;

    public ValueTask<TokenRecord?> FindByHashAsync(TokenHash hash, CancellationToken cancellationToken)
    {
        return _cache.TryGetFresh(hash, out var cached) ? new(cached) : LookupAsync(hash, cancellationToken);
    }

    private async ValueTask<TokenRecord?> LookupAsync(TokenHash hash, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var generation = _cache.Generation;
        Lease<byte>? lease;
        try
        {
            // Without a connection the library would queue the GET for up to its async timeout; a request should not wait.
            if (!_connection.Multiplexer.IsConnected)
            {
                return ServeStaleOrThrow(hash, null);
            }
            lease = await Database.StringGetLeaseAsync(_keys.TokenByHash(hash.ToString())).ConfigureAwait(false);
        }
        catch (Exception ex) when (RedisFailures.IsRedisFailure(ex))
        {
            return ServeStaleOrThrow(hash, ex);
        }
        using (lease)
        {
            var record = lease is null ? null : Deserialize(lease.Span, $"for hash {RedisTokenStoreLog.ShortHash(hash)}…");
            if (_events.IsLive)
            {
                _cache.Store(hash, record, generation);
            }
            return record;
        }
    }

    private TokenRecord ServeStaleOrThrow(TokenHash hash, Exception? failure)
    {
        _metrics.Failed(RedisOperation.TokenLookup);
        var reason = RedisFailures.Describe(failure);
        if (_cache.GetStale(hash) is { } stale)
        {
            RedisTokenStoreLog.ServedStale(_logger, stale.Id, RedisTokenStoreLog.ShortHash(hash), reason);
            return stale;
        }
        RedisTokenStoreLog.LookupUnavailable(_logger, RedisTokenStoreLog.ShortHash(hash), reason);
        throw TokenStoreUnavailableException.For("look up a caller token", failure);
    }

    public async Task<TokenRecord?> GetAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        cancellationToken.ThrowIfCancellationRequested();
        var value = await CallAsync(db => db.StringGetAsync(_keys.TokenById(id)), "read a token").ConfigureAwait(false);
        return value.IsNull ? null : Deserialize(value, id);
    }

    public async Task<IReadOnlyList<TokenRecord>> ListAsync(string? team, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var ids = await CallAsync(db => db.SortedSetRangeByRankAsync(_keys.TokenIndex), "list tokens").ConfigureAwait(false);
        // One GET per id, pipelined on the shared connection: single-key commands route anywhere in a cluster.
        var values = await CallAsync(db =>
        {
            var reads = new Task<RedisValue>[ids.Length];
            for (var i = 0; i < ids.Length; i++)
            {
                reads[i] = db.StringGetAsync(_keys.TokenById(ids[i].ToString()));
            }
            return Task.WhenAll(reads);
        }, "list tokens").ConfigureAwait(false);
        var records = new List<TokenRecord>(values.Length);
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i].IsNull)
            {
                continue; // indexed but gone: not written by this store, skip rather than fail the whole listing
            }
            var record = Deserialize(values[i], ids[i].ToString());
            if (team is null || string.Equals(record.Team, team, StringComparison.Ordinal))
            {
                records.Add(record);
            }
        }
        return records;
    }

    public async Task AddAsync(TokenRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        cancellationToken.ThrowIfCancellationRequested();
        var hashHex = record.Hash.ToString();
        var outcome = await CallAsync(db => TokenScripts.Add.EvaluateAsync(db, new
        {
            byId = (RedisKey)_keys.TokenById(record.Id),
            byHash = (RedisKey)_keys.TokenByHash(hashHex),
            index = (RedisKey)_keys.TokenIndex,
            record = (RedisValue)Serialize(record),
            createdAt = (RedisValue)record.CreatedAt.ToUnixTimeMilliseconds(),
            id = (RedisValue)record.Id,
            channel = (RedisValue)_keys.TokenEventsChannel,
            message = (RedisValue)EventMessage(record.Id, hashHex),
        }), "add a token").ConfigureAwait(false);
        switch ((int)outcome)
        {
            case TokenScripts.DuplicateId:
                throw new InvalidOperationException($"Token '{record.Id}' already exists.");
            case TokenScripts.DuplicateHash:
                throw new InvalidOperationException($"Token '{record.Id}' has the same secret hash as an existing token.");
        }
        _cache.Invalidate(record.Hash); // read-your-writes here, even before our own message comes back
        RedisTokenStoreLog.TokenAdded(_logger, record.Id, record.Team);
    }

    public async Task<TokenRecord?> SetStatusAsync(string id, TokenStatus status, string? reason, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        cancellationToken.ThrowIfCancellationRequested();
        var byId = _keys.TokenById(id);
        for (var attempt = 1; attempt <= MaxStatusAttempts; attempt++)
        {
            var current = await CallAsync(db => db.StringGetAsync(byId), "read a token").ConfigureAwait(false);
            if (current.IsNull)
            {
                return null;
            }
            var record = Deserialize(current, id);
            if (record.Status == TokenStatus.Revoked && status != TokenStatus.Revoked)
            {
                throw new InvalidOperationException($"Token '{id}' is revoked; revocation is final.");
            }
            var updated = record with { Status = status, StatusReason = reason, StatusChangedAt = at };
            var hashHex = record.Hash.ToString();
            var replaced = await CallAsync(db => TokenScripts.Replace.EvaluateAsync(db, new
            {
                byId = (RedisKey)byId,
                byHash = (RedisKey)_keys.TokenByHash(hashHex),
                expected = current,
                record = (RedisValue)Serialize(updated),
                channel = (RedisValue)_keys.TokenEventsChannel,
                message = (RedisValue)EventMessage(id, hashHex),
            }), "change a token's status").ConfigureAwait(false);
            if ((int)replaced == 1)
            {
                _cache.Invalidate(record.Hash);
                RedisTokenStoreLog.StatusChanged(_logger, id, status);
                return updated;
            }
        }
        throw new InvalidOperationException($"Token '{id}' kept changing while its status was being set; try again.");
    }

    /// <summary>
    /// Runs one Redis call, turning Redis failures into <see cref="TokenStoreUnavailableException"/>. Fails at once
    /// while disconnected: the library would otherwise hold the command in its backlog for seconds first.
    /// </summary>
    private async Task<T> CallAsync<T>(Func<IDatabase, Task<T>> call, string operation)
    {
        if (!_connection.Multiplexer.IsConnected)
        {
            _metrics.Failed(RedisOperation.TokenAdmin);
            throw TokenStoreUnavailableException.For(operation, null);
        }
        try
        {
            return await call(Database).ConfigureAwait(false);
        }
        catch (Exception ex) when (RedisFailures.IsRedisFailure(ex))
        {
            _metrics.Failed(RedisOperation.TokenAdmin);
            throw TokenStoreUnavailableException.For(operation, ex);
        }
    }

    private static byte[] Serialize(TokenRecord record) => JsonSerializer.SerializeToUtf8Bytes(record, RedisTokenJsonContext.Default.TokenRecord);

    private static byte[] EventMessage(string id, string hashHex) =>
        JsonSerializer.SerializeToUtf8Bytes(new TokenEventMessage(id, hashHex), RedisTokenJsonContext.Default.TokenEventMessage);

    private static TokenRecord Deserialize(RedisValue value, string tokenId) =>
        Deserialize(((ReadOnlyMemory<byte>)value).Span, $"'{tokenId}'");

    private static TokenRecord Deserialize(ReadOnlySpan<byte> json, string which)
    {
        try
        {
            return JsonSerializer.Deserialize(json, RedisTokenJsonContext.Default.TokenRecord)
                ?? throw new JsonException("The value is JSON null.");
        }
        catch (Exception ex) when (ex is JsonException or FormatException or ArgumentException)
        {
            throw new InvalidDataException(
                $"The token record {which} in Redis is not a valid token record ({ex.GetType().Name}). Restore it from a backup, or delete it and issue a new token.", ex);
        }
    }

    public void Dispose() => _events.Dispose();
}

using AiGateway.Auth;
using AiGateway.Auth.Redis;

namespace AiGateway.UnitTests.Auth.Redis;

/// <summary>Two gateway replicas sharing tokens through one real Redis: visibility, invalidation, and the local cache.</summary>
public sealed class RedisTokenStoreReplicaTests : IClassFixture<RedisServerFixture>, IDisposable
{
    private readonly RedisStoreHarness _harness;

    public RedisTokenStoreReplicaTests(RedisServerFixture redis) => _harness = new RedisStoreHarness(redis.NewOptions());

    public void Dispose() => _harness.Dispose();

    private static CancellationToken None => CancellationToken.None;

    [Fact]
    public async Task AddAsync_OnReplicaA_FoundOnReplicaBImmediately()
    {
        var a = await _harness.NewReplicaAsync();
        var b = await _harness.NewReplicaAsync();
        var record = _harness.NewRecord("tok_new");

        await a.AddAsync(record, None);

        Assert.Equal(record, await b.FindByHashAsync(record.Hash, None));
        Assert.Equal(record, await b.GetAsync("tok_new", None));
    }

    [Fact]
    public async Task AddAsync_AfterReplicaBCachedNotFound_BFindsItOnceTheAddIsAnnounced()
    {
        var a = await _harness.NewReplicaAsync();
        var b = await _harness.NewReplicaAsync();
        var record = _harness.NewRecord("tok_late");
        Assert.Null(await b.FindByHashAsync(record.Hash, None));
        Assert.Equal(1, b.Cache.MissingCount);
        var announced = RedisStoreHarness.WhenInvalidated(b, "tok_late");

        await a.AddAsync(record, None);
        await announced;

        Assert.Equal(record, await b.FindByHashAsync(record.Hash, None));
    }

    [Fact]
    public async Task SetStatusAsync_RevokedOnA_BSeesRevokedRightAfterItProcessesTheMessage()
    {
        var a = await _harness.NewReplicaAsync();
        var b = await _harness.NewReplicaAsync();
        var record = _harness.NewRecord("tok_leaked");
        var added = RedisStoreHarness.WhenInvalidated(b, "tok_leaked");
        await a.AddAsync(record, None);
        await added; // B has heard of the add: the next message for this token is the revocation
        Assert.Equal(TokenStatus.Active, (await b.FindByHashAsync(record.Hash, None))!.Status);
        Assert.Equal(record, RedisStoreHarness.AnsweredFromCache(b.FindByHashAsync(record.Hash, None)));
        var revoked = RedisStoreHarness.WhenInvalidated(b, "tok_leaked");

        await a.SetStatusAsync("tok_leaked", TokenStatus.Revoked, "leaked", _harness.Time.GetUtcNow(), None);
        await revoked;

        // The clock is frozen, so the cache lifetime cannot be what made B look again.
        var seen = await b.FindByHashAsync(record.Hash, None);
        Assert.Equal(TokenStatus.Revoked, seen!.Status);
        Assert.Equal("leaked", seen.StatusReason);
    }

    [Fact]
    public async Task SetStatusAsync_SuspendedThenReinstatedOnA_BFollowsEachChange()
    {
        var a = await _harness.NewReplicaAsync();
        var b = await _harness.NewReplicaAsync();
        var record = _harness.NewRecord("tok_breaker");
        var added = RedisStoreHarness.WhenInvalidated(b, "tok_breaker");
        await a.AddAsync(record, None);
        await added;
        Assert.Equal(TokenStatus.Active, (await b.FindByHashAsync(record.Hash, None))!.Status);

        var suspended = RedisStoreHarness.WhenInvalidated(b, "tok_breaker");
        await a.SetStatusAsync("tok_breaker", TokenStatus.Suspended, "spend velocity", _harness.Time.GetUtcNow(), None);
        await suspended;
        Assert.Equal(TokenStatus.Suspended, (await b.FindByHashAsync(record.Hash, None))!.Status);

        var reinstated = RedisStoreHarness.WhenInvalidated(b, "tok_breaker");
        await a.SetStatusAsync("tok_breaker", TokenStatus.Active, "reviewed", _harness.Time.GetUtcNow(), None);
        await reinstated;
        Assert.Equal(TokenStatus.Active, (await b.FindByHashAsync(record.Hash, None))!.Status);
    }

    [Fact]
    public async Task FindByHashAsync_RepeatedWithinTheCacheLifetime_OneRedisRoundTripThenSynchronous()
    {
        var store = await _harness.NewReplicaAsync();
        var record = _harness.NewRecord("tok_hot");
        var echoed = RedisStoreHarness.WhenInvalidated(store, "tok_hot"); // its own add comes back on the channel too
        await store.AddAsync(record, None);
        await echoed;
        var inspector = await _harness.InspectAsync();
        var before = await RedisStoreHarness.CommandCallsAsync(inspector, "get");

        Assert.Equal(record, await store.FindByHashAsync(record.Hash, None));
        for (var i = 0; i < 1_000; i++)
        {
            Assert.Equal(record, RedisStoreHarness.AnsweredFromCache(store.FindByHashAsync(record.Hash, None)));
        }
        _harness.Time.Advance(_harness.CacheLifetime - TimeSpan.FromMilliseconds(1));
        Assert.Equal(record, RedisStoreHarness.AnsweredFromCache(store.FindByHashAsync(record.Hash, None)));
        var whileCached = await RedisStoreHarness.CommandCallsAsync(inspector, "get");

        _harness.Time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(record, await store.FindByHashAsync(record.Hash, None));
        var afterExpiry = await RedisStoreHarness.CommandCallsAsync(inspector, "get");

        Assert.Equal(before + 1, whileCached);
        Assert.Equal(whileCached + 1, afterExpiry);
    }

    [Fact]
    public async Task FindByHashAsync_UnknownToken_NotFoundCachedFor100MillisecondsOnly()
    {
        var store = await _harness.NewReplicaAsync();
        var unknown = _harness.Hasher.Hash(AiGateway.Auth.TokenFormat.Generate());
        var inspector = await _harness.InspectAsync();
        var before = await RedisStoreHarness.CommandCallsAsync(inspector, "get");

        Assert.Null(await store.FindByHashAsync(unknown, None));
        _harness.Time.Advance(TimeSpan.FromMilliseconds(99));
        Assert.Null(RedisStoreHarness.AnsweredFromCache(store.FindByHashAsync(unknown, None)));
        var whileCached = await RedisStoreHarness.CommandCallsAsync(inspector, "get");
        _harness.Time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Null(await store.FindByHashAsync(unknown, None));
        var afterExpiry = await RedisStoreHarness.CommandCallsAsync(inspector, "get");

        Assert.Equal(before + 1, whileCached);
        Assert.Equal(whileCached + 1, afterExpiry);
    }

    [Fact]
    public async Task Dispose_Replica_StopsListeningAndOthersCarryOn()
    {
        var a = await _harness.NewReplicaAsync();
        var b = await _harness.NewReplicaAsync();
        var c = await _harness.NewReplicaAsync();
        var record = _harness.NewRecord("tok_1");
        var heardByC = RedisStoreHarness.WhenInvalidated(c, "tok_1");
        var heardByB = false;
        b.InvalidationProcessed += _ => heardByB = true;
        b.Dispose();

        await a.AddAsync(record, None);
        await heardByC;

        Assert.False(heardByB);
        Assert.Equal(record, await c.FindByHashAsync(record.Hash, None));
    }
}

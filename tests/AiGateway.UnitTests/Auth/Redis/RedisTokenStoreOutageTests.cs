using AiGateway.Auth;
using AiGateway.Auth.Redis;
using StackExchange.Redis;

namespace AiGateway.UnitTests.Auth.Redis;

/// <summary>Redis crashes and comes back (empty: the test server keeps no data). Each test kills its own server.</summary>
public sealed class RedisTokenStoreOutageTests : IAsyncLifetime, IDisposable
{
    private readonly CapturedLogs _logs = new();
    private RedisServer _server = null!;
    private RedisStoreHarness _harness = null!;

    public async Task InitializeAsync()
    {
        _server = await RedisServer.StartAsync();
        _harness = new RedisStoreHarness(RedisServerFixture.NewOptions(_server), _logs.CreateFactory());
    }

    public async Task DisposeAsync()
    {
        if (_server is not null) // null when it failed to start
        {
            await _server.DisposeAsync();
        }
    }

    public void Dispose()
    {
        _harness?.Dispose();
        _logs.Dispose();
    }

    private static CancellationToken None => CancellationToken.None;

    [Fact]
    public async Task FindByHashAsync_RedisKilled_CachedTokenServedUpTo30SecondsPastItsLifetime()
    {
        var store = await _harness.NewReplicaAsync();
        var record = _harness.NewRecord("tok_cached");
        var echoed = RedisStoreHarness.WhenInvalidated(store, "tok_cached"); // a replica hears its own writes too
        await store.AddAsync(record, None);
        await echoed;
        Assert.Equal(record, await store.FindByHashAsync(record.Hash, None));

        await _server.KillAsync();

        Assert.Equal(record, RedisStoreHarness.AnsweredFromCache(store.FindByHashAsync(record.Hash, None)));
        _harness.Time.Advance(_harness.CacheLifetime + TimeSpan.FromSeconds(29));
        Assert.Equal(record, await store.FindByHashAsync(record.Hash, None));
        _harness.Time.Advance(TimeSpan.FromSeconds(1));
        await Assert.ThrowsAsync<TokenStoreUnavailableException>(async () => await store.FindByHashAsync(record.Hash, None));
    }

    [Fact]
    public async Task FindByHashAsync_RedisKilled_UncachedLookupThrowsUnavailableWithoutTheHash()
    {
        var store = await _harness.NewReplicaAsync();
        var cached = _harness.NewRecord("tok_cached");
        var uncached = _harness.NewRecord("tok_uncached");
        var echoed = RedisStoreHarness.WhenInvalidated(store, "tok_uncached");
        await store.AddAsync(cached, None);
        await store.AddAsync(uncached, None);
        await echoed; // messages arrive in order: both adds have been heard
        Assert.NotNull(await store.FindByHashAsync(cached.Hash, None));

        await _server.KillAsync();

        var ex = await Assert.ThrowsAsync<TokenStoreUnavailableException>(async () => await store.FindByHashAsync(uncached.Hash, None));
        Assert.Contains("Redis", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(uncached.Hash.ToString(), ex.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(uncached.Hash.ToString()[..16], ex.ToString(), StringComparison.Ordinal);
        Assert.Equal(cached, await store.FindByHashAsync(cached.Hash, None));
        var unknown = _harness.Hasher.Hash(TokenFormat.Generate());
        await Assert.ThrowsAsync<TokenStoreUnavailableException>(async () => await store.FindByHashAsync(unknown, None));
        Assert.False(_logs.Contains(uncached.Hash.ToString()));
        Assert.True(_logs.Contains(RedisTokenStoreLog.ShortHash(uncached.Hash)), "the lookup failure is logged with a short hash prefix");
    }

    [Fact]
    public async Task AdminOperations_RedisKilled_ThrowUnavailable()
    {
        var store = await _harness.NewReplicaAsync();
        await store.AddAsync(_harness.NewRecord("tok_1"), None);

        await _server.KillAsync();

        await Assert.ThrowsAsync<TokenStoreUnavailableException>(() => store.AddAsync(_harness.NewRecord("tok_2"), None));
        await Assert.ThrowsAsync<TokenStoreUnavailableException>(() => store.GetAsync("tok_1", None));
        await Assert.ThrowsAsync<TokenStoreUnavailableException>(() => store.ListAsync(null, None));
        await Assert.ThrowsAsync<TokenStoreUnavailableException>(() => store.SetStatusAsync("tok_1", TokenStatus.Revoked, null, _harness.Time.GetUtcNow(), None));
    }

    [Fact]
    public async Task RedisRestarted_ReplicasRecoverWithoutBeingRecreated()
    {
        var a = await _harness.NewReplicaAsync();
        var b = await _harness.NewReplicaAsync();
        var record = _harness.NewRecord("tok_1");
        await a.AddAsync(record, None);
        Assert.Equal(record, await b.FindByHashAsync(record.Hash, None));
        var back = new[]
        {
            RedisStoreHarness.WhenResynchronized(a, ConnectionType.Interactive),
            RedisStoreHarness.WhenResynchronized(a, ConnectionType.Subscription),
            RedisStoreHarness.WhenResynchronized(b, ConnectionType.Interactive),
            RedisStoreHarness.WhenResynchronized(b, ConnectionType.Subscription),
        };

        await _server.KillAsync();
        await _server.StartAgainAsync();
        await Task.WhenAll(back);

        // The restarted server is empty, and B dropped its cache on reconnect instead of serving the old answer.
        Assert.Null(await b.FindByHashAsync(record.Hash, None));
        var readded = RedisStoreHarness.WhenInvalidated(b, "tok_1");
        await a.AddAsync(record, None); // the scripts are sent again after NOSCRIPT
        await readded;
        Assert.Equal(record, await b.FindByHashAsync(record.Hash, None));
        var revoked = RedisStoreHarness.WhenInvalidated(b, "tok_1");
        await a.SetStatusAsync("tok_1", TokenStatus.Revoked, "leaked", _harness.Time.GetUtcNow(), None);
        await revoked; // B is subscribed again
        Assert.Equal(TokenStatus.Revoked, (await b.FindByHashAsync(record.Hash, None))!.Status);
    }

    [Fact]
    public async Task Constructor_RedisStalledWhileSubscribing_GoesLiveOnceItAnswers()
    {
        var inspector = await _harness.InspectAsync();

        // Once the replica's connections are up, every client's commands wait 2.5 s (over the 1 s command timeout),
        // so its SUBSCRIBE is sent but not answered for a while. The server stays up and no reconnect happens.
        var store = await _harness.NewReplicaAsync(waitForSubscription: false, connected: async connection =>
        {
            await connection.Multiplexer.GetSubscriber().PingAsync(); // opens the subscriber connection
            await inspector.GetDatabase().ExecuteAsync("CLIENT", "PAUSE", "2500", "ALL");
        });
        await store.Subscribed.WaitAsync(RedisStoreHarness.Guard);
        var other = await _harness.NewReplicaAsync();
        var record = _harness.NewRecord("tok_1");
        var announced = RedisStoreHarness.WhenInvalidated(store, "tok_1");
        await other.AddAsync(record, None);
        await announced;

        Assert.Equal(record, await store.FindByHashAsync(record.Hash, None));
        Assert.Equal(record, RedisStoreHarness.AnsweredFromCache(store.FindByHashAsync(record.Hash, None)));
    }

    [Fact]
    public async Task Constructor_RedisDownAtStart_WorksOnceRedisAnswers()
    {
        await _server.KillAsync();
        var store = await _harness.NewReplicaAsync(waitForSubscription: false);
        var record = _harness.NewRecord("tok_1");
        await Assert.ThrowsAsync<TokenStoreUnavailableException>(async () => await store.FindByHashAsync(record.Hash, None));

        await _server.StartAgainAsync();
        await store.Subscribed.WaitAsync(RedisStoreHarness.Guard);
        var other = await _harness.NewReplicaAsync();
        var announced = RedisStoreHarness.WhenInvalidated(store, "tok_1");
        await other.AddAsync(record, None);
        await announced;

        // (Not asserting a cache hit here: each connection coming back clears the cache once more, at its own time.)
        Assert.Equal(record, await store.FindByHashAsync(record.Hash, None));
    }
}

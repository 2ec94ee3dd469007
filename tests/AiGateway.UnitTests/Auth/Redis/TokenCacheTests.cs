using AiGateway.Auth;
using AiGateway.Auth.Redis;
using Microsoft.Extensions.Time.Testing;

namespace AiGateway.UnitTests.Auth.Redis;

/// <summary>The replica-local cache policy, with the clock under the test's control.</summary>
public sealed class TokenCacheTests
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(1);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private ulong _next;

    private TokenHash NewHash() => new(++_next, 0, 0, 0);

    private TokenRecord NewRecord(TokenHash hash) => new()
    {
        Id = "tok_" + hash.A,
        Hash = hash,
        Team = "rag",
        App = "app",
        CreatedAt = _time.GetUtcNow(),
    };

    [Fact]
    public void TryGetFresh_FoundRecord_FreshForTheLifetime()
    {
        var cache = new TokenCache(_time, Lifetime);
        var hash = NewHash();
        var record = NewRecord(hash);
        cache.Store(hash, record, cache.Generation);

        _time.Advance(Lifetime - TimeSpan.FromTicks(1));
        Assert.True(cache.TryGetFresh(hash, out var fresh));
        Assert.Same(record, fresh);
        _time.Advance(TimeSpan.FromTicks(1));
        Assert.False(cache.TryGetFresh(hash, out _));
    }

    [Theory]
    [InlineData(1000, 100)]
    [InlineData(50, 50)]
    public void TryGetFresh_NotFound_FreshForTheShorterOfLifetimeAnd100Ms(int lifetimeMs, int expectedMs)
    {
        var cache = new TokenCache(_time, TimeSpan.FromMilliseconds(lifetimeMs));
        var hash = NewHash();
        cache.Store(hash, null, cache.Generation);

        _time.Advance(TimeSpan.FromMilliseconds(expectedMs) - TimeSpan.FromTicks(1));
        Assert.True(cache.TryGetFresh(hash, out var record));
        Assert.Null(record);
        _time.Advance(TimeSpan.FromTicks(1));
        Assert.False(cache.TryGetFresh(hash, out _));
    }

    [Fact]
    public void GetStale_FoundRecord_ServedUpTo30SecondsPastTheLifetime()
    {
        var cache = new TokenCache(_time, Lifetime);
        var hash = NewHash();
        var record = NewRecord(hash);
        cache.Store(hash, record, cache.Generation);

        _time.Advance(Lifetime + TokenCache.StaleGrace - TimeSpan.FromTicks(1));
        Assert.Same(record, cache.GetStale(hash));
        _time.Advance(TimeSpan.FromTicks(1));
        Assert.Null(cache.GetStale(hash));
    }

    [Fact]
    public void GetStale_NotFoundAnswer_NeverServedStale()
    {
        var cache = new TokenCache(_time, Lifetime);
        var hash = NewHash();
        cache.Store(hash, null, cache.Generation);

        Assert.Null(cache.GetStale(hash));
    }

    [Fact]
    public void Store_AfterAnInvalidationRacedTheLookup_IsNotCached()
    {
        var cache = new TokenCache(_time, Lifetime);
        var hash = NewHash();
        var generation = cache.Generation; // lookup starts
        cache.Invalidate(NewHash());       // any token changes meanwhile

        cache.Store(hash, NewRecord(hash), generation);

        Assert.False(cache.TryGetFresh(hash, out _));
        Assert.Equal(0, cache.FoundCount);
    }

    [Fact]
    public void Invalidate_DropsFoundAndNotFound()
    {
        var cache = new TokenCache(_time, Lifetime);
        var found = NewHash();
        var missing = NewHash();
        cache.Store(found, NewRecord(found), cache.Generation);
        cache.Store(missing, null, cache.Generation);

        cache.Invalidate(found);
        cache.Invalidate(missing);

        Assert.False(cache.TryGetFresh(found, out _));
        Assert.False(cache.TryGetFresh(missing, out _));
        Assert.Null(cache.GetStale(found));
    }

    [Fact]
    public void Clear_DropsEverythingAndCountsRecords()
    {
        var cache = new TokenCache(_time, Lifetime);
        for (var i = 0; i < 3; i++)
        {
            var hash = NewHash();
            cache.Store(hash, NewRecord(hash), cache.Generation);
        }
        cache.Store(NewHash(), null, cache.Generation);

        Assert.Equal(3, cache.Clear());
        Assert.Equal(0, cache.FoundCount);
        Assert.Equal(0, cache.MissingCount);
    }

    [Fact]
    public void Store_FoundOverCapacity_StaysBounded()
    {
        var cache = new TokenCache(_time, Lifetime, foundCapacity: 10, missingCapacity: 10);

        for (var i = 0; i < 1_000; i++)
        {
            var hash = NewHash();
            cache.Store(hash, NewRecord(hash), cache.Generation);
            Assert.InRange(cache.FoundCount, 1, 10);
        }
    }

    [Fact]
    public void Store_FloodOfUnknownTokens_DoesNotEvictRealOnes()
    {
        var cache = new TokenCache(_time, Lifetime, foundCapacity: 10, missingCapacity: 5);
        var real = Enumerable.Range(0, 3).Select(_ => NewHash()).ToList();
        foreach (var hash in real)
        {
            cache.Store(hash, NewRecord(hash), cache.Generation);
        }

        for (var i = 0; i < 1_000; i++)
        {
            cache.Store(NewHash(), null, cache.Generation);
        }

        Assert.InRange(cache.MissingCount, 1, 5);
        Assert.All(real, hash => Assert.True(cache.TryGetFresh(hash, out var record) && record is not null));
    }

    [Fact]
    public void Store_ZeroLifetime_CachesNothing()
    {
        var cache = new TokenCache(_time, TimeSpan.Zero);
        var hash = NewHash();

        cache.Store(hash, NewRecord(hash), cache.Generation);

        Assert.False(cache.TryGetFresh(hash, out _));
        Assert.Null(cache.GetStale(hash));
    }

    [Fact]
    public void Store_FoundAfterNotFound_ReplacesIt()
    {
        var cache = new TokenCache(_time, Lifetime);
        var hash = NewHash();
        var record = NewRecord(hash);
        cache.Store(hash, null, cache.Generation);

        cache.Store(hash, record, cache.Generation);

        Assert.True(cache.TryGetFresh(hash, out var fresh));
        Assert.Same(record, fresh);
        Assert.Equal(0, cache.MissingCount);
    }
}

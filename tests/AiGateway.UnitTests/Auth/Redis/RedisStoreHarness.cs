using System.Security.Cryptography;
using AiGateway.Auth;
using AiGateway.Auth.Redis;
using AiGateway.Storage.Redis;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace AiGateway.UnitTests.Auth.Redis;

/// <summary>
/// Replicas of the Redis token store over one key prefix (each with its own connection, as separate gateway
/// processes would have), a frozen clock, and ways to observe Redis from outside. Waits are on events the store
/// raises; the timeout is only a failure guard.
/// </summary>
internal sealed class RedisStoreHarness : IDisposable
{
    public static readonly TimeSpan Guard = TimeSpan.FromSeconds(15);

    private readonly List<IDisposable> _owned = [];
    private readonly ILoggerFactory _loggers;

    public RedisStoreHarness(RedisOptions options, ILoggerFactory? loggers = null)
    {
        Options = options;
        _loggers = loggers ?? NullLoggerFactory.Instance;
    }

    public RedisOptions Options { get; }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));

    public TokenHasher Hasher { get; } = new(RandomNumberGenerator.GetBytes(32));

    private readonly Telemetry.TestMeterFactory _meters = new();

    /// <summary>The Redis error counters every replica of this harness reports to.</summary>
    public RedisMetrics Metrics => _metrics ??= new RedisMetrics(_meters);

    private RedisMetrics? _metrics;

    /// <summary>The meter factory <see cref="Metrics"/> was created from, for a recorder to listen to.</summary>
    public System.Diagnostics.Metrics.IMeterFactory Meters => _meters;

    public TimeSpan CacheLifetime => TimeSpan.FromMilliseconds(Options.TokenCacheMilliseconds);

    /// <summary>
    /// A new replica; waits until its invalidation subscription is confirmed unless told not to.
    /// <paramref name="connected"/> runs after its connection is made and before the store subscribes.
    /// </summary>
    public async Task<RedisTokenStore> NewReplicaAsync(bool waitForSubscription = true, Func<RedisConnection, Task>? connected = null)
    {
        var connection = new RedisConnection(Options);
        _owned.Add(connection);
        if (connected is not null)
        {
            await connected(connection);
        }
        var store = new RedisTokenStore(connection, Time, _loggers.CreateLogger<RedisTokenStore>(), CacheLifetime, Metrics);
        _owned.Insert(0, store); // stores go before their connections
        if (waitForSubscription)
        {
            await store.Subscribed.WaitAsync(Guard);
        }
        return store;
    }

    public TokenRecord NewRecord(string id, string team = "rag") => new()
    {
        Id = id,
        Hash = Hasher.Hash(TokenFormat.Generate()),
        Team = team,
        App = "app",
        CreatedAt = Time.GetUtcNow(),
    };

    /// <summary>Completes when <paramref name="store"/> has applied an invalidation for <paramref name="tokenId"/>. Call before acting.</summary>
    public static Task WhenInvalidated(RedisTokenStore store, string tokenId)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Handler(string id)
        {
            if (id == tokenId && done.TrySetResult())
            {
                store.InvalidationProcessed -= Handler;
            }
        }
        store.InvalidationProcessed += Handler;
        return done.Task.WaitAsync(Guard);
    }

    /// <summary>Completes when <paramref name="store"/> has resynchronised after its <paramref name="type"/> connection came back.</summary>
    public static Task WhenResynchronized(RedisTokenStore store, ConnectionType type)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Handler(ConnectionType restored)
        {
            if (restored == type && done.TrySetResult())
            {
                store.Resynchronized -= Handler;
            }
        }
        store.Resynchronized += Handler;
        return done.Task.WaitAsync(Guard);
    }

    /// <summary>Asserts the lookup was answered at once (from the replica's cache, no Redis round trip) and returns its answer.</summary>
    public static TokenRecord? AnsweredFromCache(ValueTask<TokenRecord?> lookup)
    {
        return lookup.IsCompletedSuccessfully
            ? lookup.Result
            : throw new Xunit.Sdk.XunitException("The lookup did not complete synchronously, so it was not answered from the cache.");
    }

    /// <summary>A plain client of the same server, for looking at it from outside (INFO, SCAN, raw pub/sub).</summary>
    public async Task<ConnectionMultiplexer> InspectAsync()
    {
        var inspector = await ConnectionMultiplexer.ConnectAsync(Options.Configuration + ",allowAdmin=true");
        _owned.Add(inspector);
        return inspector;
    }

    /// <summary>How many times the server has executed <paramref name="command"/> (INFO commandstats).</summary>
    public static async Task<long> CommandCallsAsync(IConnectionMultiplexer inspector, string command)
    {
        var server = inspector.GetServers()[0];
        var sections = await server.InfoAsync("commandstats");
        var stat = sections.SelectMany(s => s).FirstOrDefault(p => p.Key == "cmdstat_" + command);
        if (stat.Value is null)
        {
            return 0;
        }
        var calls = stat.Value.Split(',')[0]; // "calls=N"
        return long.Parse(calls["calls=".Length..], System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Dispose()
    {
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }
        _meters.Dispose();
    }
}

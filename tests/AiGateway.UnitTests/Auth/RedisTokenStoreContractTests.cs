using AiGateway.Auth;
using AiGateway.Auth.Redis;
using AiGateway.Storage.Redis;
using AiGateway.UnitTests.Auth.Redis;
using Microsoft.Extensions.Logging.Abstractions;

namespace AiGateway.UnitTests.Auth;

/// <summary>
/// The token store contract against the Redis store on a real redis-server. Each test has its own key prefix; every
/// store of one test is a separate "replica" (its own connection) over that prefix. The fake clock never moves, so
/// cache entries never expire here: what these tests see fresh came from invalidation, not from a lifetime running out.
/// </summary>
public sealed class RedisTokenStoreContractTests : TokenStoreContractTests, IClassFixture<RedisServerFixture>
{
    private readonly RedisOptions _options;
    private readonly List<RedisConnection> _connections = [];
    private readonly Telemetry.TestMeterFactory _meters = new();

    public RedisTokenStoreContractTests(RedisServerFixture redis) => _options = redis.NewOptions();

    protected override ITokenStore CreateStore()
    {
        var connection = new RedisConnection(_options);
        _connections.Add(connection);
        var store = new RedisTokenStore(connection, Time, NullLogger<RedisTokenStore>.Instance, TimeSpan.FromMilliseconds(_options.TokenCacheMilliseconds),
            new RedisMetrics(_meters));
        Assert.True(store.Subscribed.Wait(RedisStoreHarness.Guard), "the store never subscribed to token invalidations");
        return store;
    }

    public override void Dispose()
    {
        base.Dispose();
        foreach (var connection in _connections)
        {
            connection.Dispose();
        }
        _meters.Dispose();
    }
}

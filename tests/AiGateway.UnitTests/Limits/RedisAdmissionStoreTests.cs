using AiGateway.UnitTests.TestSupport;
using AiGateway.Limits;
using AiGateway.Storage.Redis;

namespace AiGateway.UnitTests.Limits;

public sealed class RedisAdmissionStoreContractTests : AdmissionStoreContractTests, IClassFixture<RedisServerFixture>, IDisposable
{
    private readonly RedisServerFixture _redis;
    private readonly List<RedisConnection> _connections = [];

    public RedisAdmissionStoreContractTests(RedisServerFixture redis) => _redis = redis;

    protected override IAdmissionStore CreateStore()
    {
        // A fresh key prefix per store: tests share the server, never each other's windows.
        var connection = new RedisConnection(new RedisOptions { Configuration = _redis.Server.Configuration, KeyPrefix = "t" + Guid.NewGuid().ToString("N") });
        _connections.Add(connection);
        return new RedisAdmissionStore(connection);
    }

    public void Dispose()
    {
        foreach (var connection in _connections)
        {
            connection.Dispose();
        }
    }

    [Fact]
    public void Admit_KeysOfOneTeam_ShareOneClusterSlot()
    {
        // admit.lua and reconcile.lua touch only these keys, so they must hash to one Redis Cluster slot.
        var keys = new RedisKeys("aigw");

        var slots = new[]
        {
            keys.TeamTokensPerMinute("rag"), keys.TeamRequestsPerMinute("rag"),
            keys.TokenTokensPerMinute("rag", "tok_1"), keys.TokenRequestsPerMinute("rag", "tok_1"),
        }.Select(ClusterSlots.Of).Distinct().ToList();

        Assert.Single(slots);
        Assert.NotEqual(slots[0], ClusterSlots.Of(keys.TeamTokensPerMinute("search")));
    }
}

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
    public async Task Admit_KeysOfOneTeam_ShareOneClusterSlot()
    {
        var connection = new RedisConnection(new RedisOptions { Configuration = _redis.Server.Configuration, KeyPrefix = "slot" });
        _connections.Add(connection);
        var keys = connection.Keys;

        var slots = new[]
        {
            keys.TeamTokensPerMinute("rag"), keys.TeamRequestsPerMinute("rag"),
            keys.TokenTokensPerMinute("rag", "tok_1"), keys.TokenRequestsPerMinute("rag", "tok_1"),
        }.Select(k => connection.Multiplexer.HashSlot(k)).Distinct().ToList();

        Assert.Single(slots);
        await Task.CompletedTask;
    }
}

using AiGateway.Spend;
using AiGateway.Storage;
using AiGateway.Storage.Redis;
using AiGateway.UnitTests.TestSupport;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;
using static AiGateway.UnitTests.Spend.SpendTestData;

namespace AiGateway.UnitTests.Spend;

/// <summary>The contract on the memory-only embedded store (the Redis store's local fallback).</summary>
public sealed class EmbeddedMemorySpendStoreContractTests : SpendStoreContractTests, IDisposable
{
    private readonly List<IDisposable> _stores = [];

    protected override bool KeepsLedger => false;

    protected override bool LocalReservations => true;

    protected override ISpendStore CreateStore()
    {
        var store = new EmbeddedSpendStore(new FakeTimeProvider(SpendTestData.Start), local: true);
        _stores.Add(store);
        return store;
    }

    public void Dispose() => _stores.ForEach(s => s.Dispose());
}

/// <summary>The contract on the embedded store with a data folder (the single-instance default).</summary>
public sealed class EmbeddedPersistentSpendStoreContractTests : SpendStoreContractTests, IDisposable
{
    private readonly TempDirectory _folder = new();
    private readonly List<IDisposable> _stores = [];

    protected override ISpendStore CreateStore()
    {
        var store = new EmbeddedSpendStore(new FakeTimeProvider(SpendTestData.Start), new DataDirectory(_folder.Combine(Guid.NewGuid().ToString("N"))));
        _stores.Add(store);
        return store;
    }

    public void Dispose()
    {
        _stores.ForEach(s => s.Dispose());
        _folder.Dispose();
    }
}

/// <summary>The contract on Redis: a real redis-server for the class, a fresh key prefix per store.</summary>
public sealed class RedisSpendStoreContractTests : SpendStoreContractTests, IClassFixture<RedisServerFixture>, IDisposable
{
    private readonly RedisServerFixture _redis;
    private readonly List<RedisConnection> _connections = [];

    public RedisSpendStoreContractTests(RedisServerFixture redis) => _redis = redis;

    protected override ISpendStore CreateStore()
    {
        var connection = new RedisConnection(_redis.NewOptions());
        _connections.Add(connection);
        return new RedisSpendStore(connection);
    }

    public void Dispose() => _connections.ForEach(c => c.Dispose());

    [Fact]
    public void Keys_OfOneTeam_ShareOneClusterSlot()
    {
        // Both scripts touch only these keys, so they must hash to one Redis Cluster slot (a standalone
        // server reports no slots, so the slot is computed here as Redis Cluster does).
        var keys = new RedisKeys("aigw");

        var slots = new[]
        {
            keys.SpendMonth("rag", "2025-03"), keys.SpendReserved("rag"), keys.SpendHolds("rag"), keys.SpendHoldAmounts("rag"),
            keys.SpendVelocity("rag", null), keys.SpendVelocity("rag", "tok_a"), keys.Breakers("rag"), keys.LedgerSeen("rag", "req_1"),
            keys.Ledger("rag"), keys.SpendDay("rag", "2025-03-14"),
        }.Select(ClusterSlots.Of).Distinct().ToList();

        Assert.Single(slots);
        Assert.NotEqual(slots[0], ClusterSlots.Of(keys.SpendMonth("search", "2025-03")));
    }

    [Fact]
    public void ClusterSlot_MatchesRedisReferenceValues()
    {
        Assert.Equal(12739, ClusterSlots.Of("123456789")); // CRC16 check value of the Redis Cluster specification
        Assert.Equal(ClusterSlots.Of("user1000"), ClusterSlots.Of("{user1000}.following"));
        Assert.NotEqual(ClusterSlots.Of("user1000"), ClusterSlots.Of("user1001"));
    }

    [Fact]
    public async Task Hold_PastItsExpiry_StopsCounting()
    {
        // Redis expires holds by its own clock; a hold made 15 minutes ago is one whose expiry score has passed.
        var connection = new RedisConnection(_redis.NewOptions());
        _connections.Add(connection);
        var store = new RedisSpendStore(connection);
        var policy = Caps(teamCap: 1000, tokenCap: 1000);
        var id = NewRequestId();
        Assert.True((await store.ReserveAsync(Request("rag", 1000, policy, requestId: id), CancellationToken.None)).Admitted);
        Assert.Equal(SpendRefusal.TeamBudget, (await store.ReserveAsync(Request("rag", 1, policy), CancellationToken.None)).Refusal);
        var holds = connection.Keys.SpendHolds("rag");
        var expiry = (long)(await connection.Database.SortedSetScoreAsync(holds, id))!;
        var nowMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        Assert.InRange(expiry - nowMs, SpendStoreDefaults.HoldMilliseconds - 60_000, SpendStoreDefaults.HoldMilliseconds + 60_000);

        await connection.Database.SortedSetAddAsync(holds, id, expiry - SpendStoreDefaults.HoldMilliseconds - 1);
        var admitted = await store.ReserveAsync(Request("rag", 1000, policy, token: "tok_b"), CancellationToken.None);
        await store.SettleAsync(new Settlement(Record("rag", 500, requestId: id), null, policy), CancellationToken.None);

        Assert.True(admitted.Admitted);
        Assert.Equal(new BudgetState(500, 1000, false), await store.GetBudgetAsync("rag", Month, CancellationToken.None));
        Assert.Equal(SpendRefusal.TokenBudget, (await store.ReserveAsync(Request("rag", 501, Caps(tokenCap: 1000)), CancellationToken.None)).Refusal);
    }

    [Fact]
    public async Task KnownTeams_AnnouncementThatFailed_IsMadeByTheNextSettlement()
    {
        // The settle script succeeds, then adding the team to the set of known teams fails (here: refused by an ACL).
        using var admin = await ConnectionMultiplexer.ConnectAsync(_redis.Server.Configuration + ",allowAdmin=true");
        var user = "u" + Guid.NewGuid().ToString("N");
        await admin.GetDatabase().ExecuteAsync("ACL", "SETUSER", user, "on", ">secret", "~*", "&*", "+@all", "-sadd");
        var options = _redis.NewOptions();
        options.Configuration += $",user={user},password=secret";
        var connection = new RedisConnection(options);
        _connections.Add(connection);
        var store = new RedisSpendStore(connection);

        await Assert.ThrowsAsync<RedisServerException>(async () =>
            await store.SettleAsync(new Settlement(Record("rag", 1), null, SpendPolicy.None), CancellationToken.None));
        await admin.GetDatabase().ExecuteAsync("ACL", "SETUSER", user, "+sadd");
        var next = await store.SettleAsync(new Settlement(Record("rag", 2), null, SpendPolicy.None), CancellationToken.None);

        Assert.True(next.Recorded);
        Assert.Equal(3, (await store.GetBudgetAsync("rag", Month, CancellationToken.None)).SpentMicros);
        Assert.Equal(["rag"], await store.KnownTeamsAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Settle_SeparatorInAppOrModel_DoesNotShiftTheAggregateFields()
    {
        var store = CreateStore();
        var record = Record("rag", 5, app: "app\u001fx", model: "m\u001fy");

        await store.SettleAsync(new Settlement(record, null, SpendPolicy.None), CancellationToken.None);
        var row = Assert.Single(await store.ReadAggregatesAsync(["rag"], record.Day, record.Day, CancellationToken.None));

        Assert.Equal(("app?x", "m?y", "tok_a", 5L), (row.App, row.Model, row.TokenId, row.CostMicros));
    }
}

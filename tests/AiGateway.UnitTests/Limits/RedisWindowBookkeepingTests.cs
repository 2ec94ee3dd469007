using AiGateway.Limits;
using AiGateway.Storage.Redis;
using StackExchange.Redis;

namespace AiGateway.UnitTests.Limits;

/// <summary>
/// The Redis windows keep a running sum ('t') and an oldest-bucket mark ('o') instead of reading every bucket
/// per request (admit.lua). Time cannot be moved in Redis, so these tests plant buckets at chosen seconds
/// relative to Redis's own clock, far enough from the window's edge that a second ticking over changes nothing.
/// </summary>
public sealed class RedisWindowBookkeepingTests : IClassFixture<RedisServerFixture>, IDisposable
{
    private static readonly LimitSpec None = new(0, 0);
    private readonly RedisConnection _connection;
    private readonly RedisAdmissionStore _store;
    private readonly IDatabase _db;

    public RedisWindowBookkeepingTests(RedisServerFixture redis)
    {
        _connection = new RedisConnection(new RedisOptions { Configuration = redis.Server.Configuration, KeyPrefix = "w" + Guid.NewGuid().ToString("N") });
        _store = new RedisAdmissionStore(_connection);
        _db = _connection.Database;
    }

    public void Dispose() => _connection.Dispose();

    private string TeamTpm => _connection.Keys.TeamTokensPerMinute("rag");

    private async Task<long> RedisNowAsync() => (long)(await _db.ExecuteAsync("TIME"))[0];

    private ValueTask<AdmissionResult> AdmitAsync(long tpm, long tokens, string token = "tok_a") =>
        _store.AdmitAsync(new AdmissionRequest("rag", token, new LimitSpec(tpm, 0), None, tokens), CancellationToken.None);

    /// <summary>Adds a bucket as if a request had been admitted at <paramref name="second"/>, keeping the bookkeeping true.</summary>
    private async Task PlantAsync(long second, long amount)
    {
        await _db.HashIncrementAsync(TeamTpm, second, amount);
        await _db.HashIncrementAsync(TeamTpm, "t", amount);
        var oldest = (long)await _db.HashGetAsync(TeamTpm, "o");
        if (second < oldest)
        {
            await _db.HashSetAsync(TeamTpm, "o", second);
        }
    }

    private async Task<(long Sum, long BucketSum)> ReadSumsAsync()
    {
        var fields = await _db.HashGetAllAsync(TeamTpm);
        var sum = (long)fields.Single(f => f.Name == "t").Value;
        var buckets = fields.Where(f => long.TryParse(f.Name.ToString(), out _)).Sum(f => (long)f.Value);
        return (sum, buckets);
    }

    [Fact]
    public async Task Admit_BucketThatLeftTheWindow_LeavesTheSumAndIsDeleted()
    {
        Assert.True((await AdmitAsync(1000, 10)).Admitted);
        var now = await RedisNowAsync();
        await PlantAsync(now - 100, 5000);

        var result = await AdmitAsync(1000, 10);

        Assert.True(result.Admitted, "the 5,000 tokens of 100 s ago no longer count");
        Assert.False(await _db.HashExistsAsync(TeamTpm, now - 100));
        Assert.Equal((20, 20), await ReadSumsAsync());
    }

    [Fact]
    public async Task Admit_BucketStillInTheWindow_CountsAndSetsRetryAfterFromIt()
    {
        Assert.True((await AdmitAsync(1000, 10)).Admitted);
        var now = await RedisNowAsync();
        await PlantAsync(now - 30, 985);

        var refused = await AdmitAsync(1000, 10);

        Assert.False(refused.Admitted);
        Assert.Equal(LimitDimension.Tokens, refused.Rejected);
        // Room comes back when the 985 of 30 s ago leave: 31 s from now (a second may tick over meanwhile).
        Assert.InRange(refused.RetryAfterMs, 29_000, 31_000);
        Assert.Equal((995, 995), await ReadSumsAsync());
    }

    [Fact]
    public async Task AdmitAndReconcile_ManyRequests_SumAlwaysEqualsTheBuckets()
    {
        var random = new Random(7);
        for (var i = 0; i < 200; i++)
        {
            var tokens = random.Next(1, 50);
            var admitted = await AdmitAsync(1_000_000, tokens);
            Assert.True(admitted.Admitted);
            await _store.ReconcileAsync(admitted.Reservation, random.Next(0, tokens * 2), CancellationToken.None);
        }

        var (sum, buckets) = await ReadSumsAsync();

        Assert.Equal(buckets, sum);
        Assert.True(sum > 0);
    }

    [Fact]
    public async Task Admit_WindowWithoutBookkeeping_IsRebuiltFromItsBuckets()
    {
        var now = await RedisNowAsync();
        await _db.HashSetAsync(TeamTpm, [new HashEntry(now - 20, 600), new HashEntry(now - 200, 9000)]);

        var result = await AdmitAsync(1000, 300);
        var refused = await AdmitAsync(1000, 200);

        Assert.True(result.Admitted, "600 in the window plus 300 fits; the bucket of 200 s ago is gone");
        Assert.False(refused.Admitted);
        Assert.Equal((900, 900), await ReadSumsAsync());
    }
}

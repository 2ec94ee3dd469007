using AiGateway.TestSupport;
using AiGateway.Benchmarks.Fixtures;
using AiGateway.Limits;
using AiGateway.Spend;
using AiGateway.Storage.Redis;
using BenchmarkDotNet.Attributes;

namespace AiGateway.Benchmarks;

/// <summary>
/// Admission as one request sees it: TPM/RPM admit then reconcile to the real usage, and the spend hold
/// (reserve) then settlement, against the embedded stores and a real redis-server on loopback (one
/// EVALSHA round trip per call). Limits are high enough that nothing is refused.
/// </summary>
[MemoryDiagnoser]
public class AdmissionBenchmarks
{
    private static readonly LimitSpec TeamLimits = new(1_000_000_000_000, 1_000_000_000);
    private static readonly LimitSpec TokenLimits = new(100_000_000_000, 100_000_000);
    private static readonly SpendPolicy Policy = new(
        TeamMonthlyCapMicros: long.MaxValue / 4, TokenMonthlyCapMicros: long.MaxValue / 8, AlertPercent: 80,
        TeamBreaker: new VelocityLimit(long.MaxValue / 4, 3600), TokenBreaker: new VelocityLimit(long.MaxValue / 8, 600));

    private RedisServer _server = null!;
    private RedisConnection _connection = null!;
    private IAdmissionStore _redisAdmission = null!;
    private IAdmissionStore _embeddedAdmission = null!;
    private ISpendStore _redisSpend = null!;
    private ISpendStore _embeddedSpend = null!;
    private AdmissionRequest _request;
    private string _month = "";

    [GlobalSetup]
    public async Task Setup()
    {
        _server = await RedisServer.StartAsync();
        _connection = new RedisConnection(new RedisOptions { Configuration = _server.Configuration, KeyPrefix = "bench" });
        _redisAdmission = new RedisAdmissionStore(_connection);
        _embeddedAdmission = new EmbeddedAdmissionStore(TimeProvider.System);
        _redisSpend = new RedisSpendStore(_connection);
        _embeddedSpend = new EmbeddedSpendStore(TimeProvider.System);
        _request = new AdmissionRequest("team-a", "tok_000001", TeamLimits, TokenLimits, Tokens: 1_836);
        _month = LedgerRecord.MonthOf(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        // First calls load the scripts and warm the connection outside the measurement.
        RedisAdmitReconcile();
        RedisReserveSettle();
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        _connection.Dispose();
        await _server.DisposeAsync();
    }

    /// <summary>A plain PING round trip on the same multiplexer: the floor under every Redis call.</summary>
    [Benchmark]
    public TimeSpan RedisPing() => _connection.Database.Ping();

    [Benchmark(Baseline = true)]
    public long RedisAdmitReconcile() => AdmitReconcile(_redisAdmission);

    [Benchmark]
    public long EmbeddedAdmitReconcile() => AdmitReconcile(_embeddedAdmission);

    [Benchmark]
    public long RedisAdmitOnly() => Sync.Wait(_redisAdmission.AdmitAsync(_request with { Tokens = 0 }, CancellationToken.None)).State.TokensRemaining;

    /// <summary>Reserve, then settle a ledger record under a fresh request id (the id itself is about 90 B of the allocation).</summary>
    [Benchmark]
    public long RedisReserveSettle() => ReserveSettle(_redisSpend);

    [Benchmark]
    public long EmbeddedReserveSettle() => ReserveSettle(_embeddedSpend);

    private long AdmitReconcile(IAdmissionStore store)
    {
        var admitted = Sync.Wait(store.AdmitAsync(_request, CancellationToken.None));
        Sync.Wait(store.ReconcileAsync(admitted.Reservation, 930, CancellationToken.None));
        return admitted.State.TokensRemaining;
    }

    private long ReserveSettle(ISpendStore store)
    {
        var requestId = RequestIds.New();
        var hold = Sync.Wait(store.ReserveAsync(new SpendRequest("team-a", "tok_000001", requestId, 12_000, Policy, _month), CancellationToken.None));
        var record = new LedgerRecord
        {
            RequestId = requestId,
            TimeMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
            TokenId = "tok_000001",
            Team = "team-a",
            App = "app",
            Endpoint = "chat",
            Model = "gpt-4o-mini",
            InputTokens = 812,
            OutputTokens = 118,
            CostMicros = 5_400,
            Status = 200,
            LatencyMs = 420,
            UsageFromUpstream = true,
            Stream = true,
        };
        var settled = Sync.Wait(store.SettleAsync(new Settlement(record, hold.Reservation, Policy), CancellationToken.None));
        return settled.TeamMonthMicros;
    }
}

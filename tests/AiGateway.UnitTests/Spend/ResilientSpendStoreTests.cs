using AiGateway.Policies;
using AiGateway.Spend;
using AiGateway.Storage;
using AiGateway.Storage.Redis;
using AiGateway.UnitTests.TestSupport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Primitives;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;
using static AiGateway.UnitTests.Spend.SpendTestData;

namespace AiGateway.UnitTests.Spend;

/// <summary>
/// Redis stops and comes back (with its append-only file, as production runs it): admission follows the
/// failure mode, settlements are spooled locally and replayed exactly once. Each test has its own server.
/// </summary>
public sealed class ResilientSpendStoreTests : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(20);

    private readonly TempDirectory _folder = new();
    private readonly FakeTimeProvider _time = new(Start);
    private readonly List<IDisposable> _owned = [];
    private readonly CapturedLogs _logs = new();
    private readonly ILoggerFactory _loggers;
    private RedisServer _server = null!;

    public ResilientSpendStoreTests() => _loggers = _logs.CreateFactory();

    public async Task InitializeAsync() => _server = await RedisServer.StartAsync(persistent: true);

    public async Task DisposeAsync()
    {
        if (_server is not null) // null when it failed to start
        {
            await _server.DisposeAsync();
        }
    }

    public void Dispose()
    {
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            _owned[i].Dispose();
        }
        _folder.Dispose();
        _loggers.Dispose();
        _logs.Dispose();
    }

    private int Logged(string text) => _logs.Lines.Count(line => line.Contains(text, StringComparison.Ordinal));

    private static CancellationToken None => CancellationToken.None;

    private sealed record Harness(RedisConnection Connection, RedisSpendStore Redis, EmbeddedSpendStore Local, LedgerSpool Spool,
        ResilientSpendStore Store, LedgerSpoolReplayer Replayer);

    private Harness Create(RedisFailureMode mode = RedisFailureMode.Open, int replicas = 1, RedisConnection? connection = null,
        LedgerSpool? spool = null, SpendPolicy? replayPolicy = null)
    {
        var options = RedisServerFixture.NewOptions(_server);
        // A command to a stopped server fails after the timeout: keep it short so the outage phases are quick.
        options.Configuration += ",syncTimeout=1000,asyncTimeout=1000";
        options.FailureMode = mode;
        options.ReplicaCount = replicas;
        if (connection is null)
        {
            connection = new RedisConnection(options);
            _owned.Add(connection);
        }
        var redis = new RedisSpendStore(connection);
        var local = new EmbeddedSpendStore(_time, local: true);
        _owned.Add(local);
        if (spool is null)
        {
            spool = new LedgerSpool(new DataDirectory(_folder.Combine("data")));
            _owned.Add(spool);
        }
        var store = new ResilientSpendStore(redis, local, spool, options, _loggers.CreateLogger<ResilientSpendStore>());
        var policies = new StaticPolicyProvider(replayPolicy ?? SpendPolicy.None);
        var replayer = new LedgerSpoolReplayer(spool, redis, policies, _time, _loggers.CreateLogger<LedgerSpoolReplayer>());
        return new Harness(connection, redis, local, spool, store, replayer);
    }

    /// <summary>Completes when the interactive connection is restored after a failure.</summary>
    private static Task WhenRestored(RedisConnection connection)
    {
        var restored = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.Multiplexer.ConnectionRestored += (_, e) =>
        {
            if (e.ConnectionType == ConnectionType.Interactive)
            {
                restored.TrySetResult();
            }
        };
        return restored.Task.WaitAsync(Guard);
    }

    private async Task RestartRedisAsync(Task restored)
    {
        await _server.StartAgainAsync();
        await restored;
    }

    private static async Task<(SpendAdmission Admission, LedgerRecord Record)> ReserveAsync(ResilientSpendStore store, string team, long micros, SpendPolicy policy, string token = "tok_a")
    {
        var id = NewRequestId();
        var admission = await store.ReserveAsync(Request(team, micros, policy, token, id), None);
        return (admission, Record(team, micros, token, id, timeMs: StartMs + Random.Shared.Next(1_000_000)));
    }

    [Fact]
    public async Task Outage_SettlementsAreSpooled_ThenReplayedExactlyOnce_EvenWhenReplayedTwice()
    {
        var h = Create();
        var policy = Caps(teamCap: 1_000_000);
        var before = new List<LedgerRecord>();
        for (var i = 0; i < 3; i++)
        {
            var (admission, record) = await ReserveAsync(h.Store, "rag", 1000 + i, policy);
            Assert.False(admission.Reservation.Local);
            Assert.True((await h.Store.SettleAsync(new Settlement(record, admission.Reservation, policy), None)).Recorded);
            before.Add(record);
        }
        var restored = WhenRestored(h.Connection);

        await _server.KillAsync();
        var during = Enumerable.Range(0, 6).Select(i => Record(i % 2 == 0 ? "rag" : "search", 10 + i, timeMs: StartMs + i)).ToList();
        var results = await Task.WhenAll(during.Select(r => h.Store.SettleAsync(new Settlement(r, null, policy), None).AsTask()));
        var spooledCount = h.Spool.Count;
        var replayedWhileDown = await h.Replayer.ReplayAsync(None);
        var stillSpooled = h.Spool.Count;
        await RestartRedisAsync(restored);
        var replayed = await h.Replayer.ReplayAsync(None);
        var afterReplay = h.Spool.Count;

        Assert.All(results, r => Assert.Equal(new SettleResult(true, 0, 0, false, false, SpendRefusal.None), r));
        Assert.Equal(6, spooledCount);
        Assert.Equal(0, replayedWhileDown);
        Assert.Equal(6, stillSpooled);
        Assert.Equal(6, replayed);
        Assert.Equal(1, Logged("Replayed 6 spooled ledger records into Redis (0 still waiting)."));
        Assert.Equal(1, Logged("Redis is still unavailable; 6 spooled ledger records wait for the next attempt."));
        Assert.Equal(0, afterReplay);
        Assert.Empty(h.Spool.Snapshot());
        var all = before.Concat(during).ToList();
        await AssertCountedOnceAsync(h.Redis, all);

        // A crash after replaying and before trimming: the same records are replayed again.
        foreach (var record in during)
        {
            h.Spool.Append(record);
        }
        var replayedAgain = await h.Replayer.ReplayAsync(None);

        Assert.Equal(6, replayedAgain);
        Assert.Equal(0, h.Spool.Count);
        await AssertCountedOnceAsync(h.Redis, all);
    }

    private static async Task AssertCountedOnceAsync(RedisSpendStore redis, List<LedgerRecord> records)
    {
        var teams = records.Select(r => r.Team).Distinct().ToList();
        var ledger = await redis.ReadLedgerAsync(teams, 0, long.MaxValue, None);
        Assert.Equal(records.OrderBy(r => r.RequestId, StringComparer.Ordinal), ledger.OrderBy(r => r.RequestId, StringComparer.Ordinal));
        foreach (var team in teams)
        {
            var mine = records.Where(r => r.Team == team).ToList();
            Assert.Equal(mine.Sum(r => r.CostMicros), (await redis.GetBudgetAsync(team, Month, None)).SpentMicros);
            var aggregates = await redis.ReadAggregatesAsync([team], new DateOnly(2025, 3, 1), new DateOnly(2025, 3, 31), None);
            Assert.Equal(mine.Count, aggregates.Sum(a => a.Requests));
            Assert.Equal(mine.Sum(r => r.CostMicros), aggregates.Sum(a => a.CostMicros));
        }
        Assert.Equal(teams.Order(StringComparer.Ordinal), (await redis.KnownTeamsAsync(None)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Outage_FailOpen_AdmitsLocallyWithItsShareOfTheBreakers_FailClosed_Unavailable()
    {
        var open = Create(RedisFailureMode.Open, replicas: 2);
        var closed = Create(RedisFailureMode.Closed, connection: open.Connection, spool: open.Spool);
        var policy = new SpendPolicy(1000, 1000, 80, VelocityLimit.None, new VelocityLimit(1000, 3600));
        await open.Connection.Database.PingAsync();
        var restored = WhenRestored(open.Connection);

        await _server.KillAsync();
        // Independent calls run together (each waits for the command timeout); the second phase needs the first's holds.
        var overCapTask = ReserveAsync(open.Store, "rag", 5000, Caps(teamCap: 1000, tokenCap: 1000)); // caps cannot be checked: not enforced
        var shareTask = open.Store.ReserveAsync(Request("rag", 500, policy, token: "tok_v"), None).AsTask();
        var refusedClosedTask = closed.Store.ReserveAsync(Request("rag", 1, policy), None).AsTask();
        await Task.WhenAll(overCapTask, shareTask, refusedClosedTask);
        var (overCap, overCapRecord) = await overCapTask;
        var share = await shareTask;
        var refusedClosed = await refusedClosedTask;
        var overShareTask = open.Store.ReserveAsync(Request("rag", 1, policy, token: "tok_v"), None).AsTask();
        var settledTask = open.Store.SettleAsync(new Settlement(overCapRecord with { CostMicros = 7 }, overCap.Reservation, policy), None).AsTask();
        var overShare = await overShareTask;
        var settled = await settledTask;
        var localBudget = await open.Local.GetBudgetAsync("rag", Month, None);
        await RestartRedisAsync(restored);
        var back = await open.Store.ReserveAsync(Request("rag", 100, policy, token: "tok_w"), None);
        var backClosed = await closed.Store.ReserveAsync(Request("rag", 100, policy, token: "tok_w"), None);

        Assert.True(overCap.Admitted);
        Assert.True(overCap.Reservation.Local);
        Assert.True(share.Admitted); // 500 is exactly this replica's half of 1000
        Assert.Equal(SpendRefusal.TokenVelocity, overShare.Refusal);
        Assert.True(overShare.Tripped);
        Assert.Equal(500, overShare.LimitMicros);
        Assert.False(refusedClosed.Admitted);
        Assert.True(refusedClosed.StoreUnavailable);
        Assert.Equal(SpendRefusal.None, refusedClosed.Refusal);
        Assert.True(settled.Recorded);
        Assert.Equal(1, open.Spool.Count);
        Assert.Equal(new BudgetState(7, 500, false), localBudget); // the local hold of the settled request was released
        Assert.True(back.Admitted);
        Assert.False(back.Reservation.Local);
        Assert.True(backClosed.Admitted);
        Assert.Equal(2, Logged("Redis is unavailable for budgets and breakers")); // once per store, not once per request
        Assert.Equal(2, Logged("Redis answers again; shared budgets and breakers are back in force."));
        Assert.Equal(1, Logged($"Ledger record {overCapRecord.RequestId} spooled locally (1 waiting for Redis)"));
        Assert.Equal(SpendRefusal.TokenSuspended, (await open.Local.ReserveAsync(Request("rag", 1, policy, token: "tok_v"), None)).Refusal);
        Assert.True(await open.Store.ResetBreakerAsync("rag", "tok_v", None)); // the local breaker counts as open
        Assert.True((await open.Local.ReserveAsync(Request("rag", 1, policy, token: "tok_v"), None)).Admitted);
    }

    [Fact]
    public async Task Replay_UsesTheTeamsCurrentPolicy_SoReplayedSpendCanTripABreaker()
    {
        var policy = Breakers(team: new VelocityLimit(100, 3600));
        var h = Create(replayPolicy: policy);
        h.Spool.Append(Record("rag", 60));
        h.Spool.Append(Record("rag", 60));

        Assert.Equal(2, await h.Replayer.ReplayAsync(None));

        Assert.True((await h.Redis.GetBudgetAsync("rag", Month, None)).Suspended);
        Assert.Equal(SpendRefusal.TeamSuspended, (await h.Store.ReserveAsync(Request("rag", 1, policy), None)).Refusal);
    }

    [Fact]
    public async Task Replay_WithoutRedis_DeliversNothing()
    {
        using var spool = new LedgerSpool(new DataDirectory(_folder.Combine("alone")));
        spool.Append(Record("rag", 1));
        var replayer = new LedgerSpoolReplayer(spool, null, new StaticPolicyProvider(SpendPolicy.None), _time, NullLogger<LedgerSpoolReplayer>.Instance);

        Assert.Equal(0, await replayer.ReplayAsync(None));
        Assert.Equal(1, spool.Count);
    }

    /// <summary>One team policy, "rag" and "search", with the given spend rules.</summary>
    private sealed class StaticPolicyProvider(SpendPolicy spend) : IPolicyProvider
    {
        public PolicySnapshot Current { get; } = new(
            new[] { "rag", "search" }.Select(team => new TeamPolicy
            {
                Team = team,
                ModelPatterns = ["*"],
                Models = new ModelMatcher(["*"]),
                Endpoints = GatewayEndpoint.Chat,
                UpstreamKey = "creds/" + team,
                Spend = spend,
                SourceFile = team + ".json",
            }), 1, Start);

        public IChangeToken GetReloadToken() => new CancellationChangeToken(CancellationToken.None);

        public PolicyReloadResult Reload() => new(Current, []);
    }
}

/// <summary>The spool file on its own: order, trimming, restarts and a torn line.</summary>
public sealed class LedgerSpoolTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    private LedgerSpool Open() => new(new DataDirectory(_folder.Path));

    [Fact]
    public void Append_CountsAndKeepsOrder_AndSurvivesARestart()
    {
        var records = Enumerable.Range(0, 5).Select(i => Record("rag", i + 1)).ToList();
        using (var spool = Open())
        {
            records.ForEach(spool.Append);
            Assert.Equal(5, spool.Count);
            Assert.Equal(records, spool.Snapshot());
        }

        using var reopened = Open();

        Assert.Equal(5, reopened.Count);
        Assert.Equal(records, reopened.Snapshot());
    }

    [Fact]
    public void Trim_DropsTheDeliveredKeepsLaterAppends()
    {
        using var spool = Open();
        var records = Enumerable.Range(0, 5).Select(i => Record("rag", i + 1)).ToList();
        records.ForEach(spool.Append);
        var snapshot = spool.Snapshot();
        var late = Record("rag", 99);
        spool.Append(late); // arrives while the snapshot is being replayed

        spool.Trim(3);
        spool.Append(Record("rag", 100));

        Assert.Equal(records, snapshot);
        Assert.Equal(4, spool.Count);
        Assert.Equal([records[3], records[4], late], spool.Snapshot().Take(3));
        Assert.Equal(100, spool.Snapshot()[3].CostMicros);
    }

    [Fact]
    public void Trim_Everything_LeavesAnEmptySpoolThatStaysEmptyAfterARestart()
    {
        using (var spool = Open())
        {
            spool.Append(Record("rag", 1));
            spool.Trim(1);
            Assert.Equal(0, spool.Count);
        }

        using var reopened = Open();

        Assert.Equal(0, reopened.Count);
        Assert.Empty(reopened.Snapshot());
    }

    [Fact]
    public void Load_TornLine_IsNotCountedAndTheNextAppendIsReadable()
    {
        var first = Record("rag", 1);
        using (var spool = Open())
        {
            spool.Append(first);
        }
        File.AppendAllText(_folder.Combine("ledger-spool.jsonl"), "{\"requestId\":\"req_torn\",\"ti");

        using var reopened = Open();
        var second = Record("rag", 2);
        reopened.Append(second);

        Assert.Equal(2, reopened.Count);
        Assert.Equal([first, second], reopened.Snapshot());
    }
}

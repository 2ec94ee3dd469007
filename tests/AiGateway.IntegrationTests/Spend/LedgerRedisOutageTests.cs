using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using AiGateway.IntegrationTests.Infrastructure;
using AiGateway.Spend;
using Xunit.Abstractions;
using static AiGateway.IntegrationTests.Spend.SpendTestKit;

namespace AiGateway.IntegrationTests.Spend;

/// <summary>
/// Redis killed (SIGKILL) under concurrent traffic, with fail-open spend: records Redis cannot take go to the
/// local spool and are replayed when it returns. Afterwards every 200 the clients got is in the ledger exactly
/// once, nothing is in it twice, and the aggregates and the month's spend count each request once — also when the
/// gateway itself is restarted before Redis returns (the spool is a file in its data folder).
/// </summary>
public sealed class LedgerRedisOutageTests : IAsyncLifetime
{
    private const int Workers = 12;

    private readonly ITestOutputHelper _output;

    private RedisServer _redis = null!;
    private UpstreamSimulator.UpstreamSimulator _simulator = null!;
    private string _policies = null!;
    private readonly List<GatewayHost> _gateways = [];

    public LedgerRedisOutageTests(ITestOutputHelper output) => _output = output;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync(persistent: true); // append-only, fsync always: a restart keeps what it acknowledged
        _simulator = await UpstreamSimulator.UpstreamSimulator.StartAsync(GatewayHost.SimulatorOptions());
        // A budget and breakers, so admission holds spend in Redis too (and falls back to the local store).
        var policies = TestPaths.PoliciesWith(("rag", """
            { "team": "rag", "models": ["deepseek-v3.2"], "endpoints": ["chat"], "upstreamKey": "creds/rag-production",
              "maxTokens": { "default": 20, "maximum": 50 },
              "budget": { "monthlyUsd": 100 },
              "breaker": { "token": { "maxUsd": 50, "window": "5m" }, "team": { "maxUsd": 90, "window": "5m" } } }
            """));
        _policies = policies;
    }

    private async Task<GatewayHost> StartGatewayAsync(string? dataPath = null)
    {
        var gateway = await GatewayHost.StartAsync(_simulator.BaseUrl, new Dictionary<string, string?>
        {
            ["Policies:Path"] = _policies,
            ["Redis:Configuration"] = _redis.Configuration,
            ["Redis:FailureMode"] = "Open",
            ["Auth:TokenHashKey"] = Limits.MultiReplicaLimitTests.SharedTokenHashKey,
        }, dataPath);
        _gateways.Add(gateway);
        return gateway;
    }

    private static LedgerSpool SpoolOf(GatewayHost gateway) => (LedgerSpool)gateway.Services.GetService(typeof(LedgerSpool))!;

    public async Task DisposeAsync()
    {
        foreach (var gateway in _gateways)
        {
            await gateway.DisposeAsync();
        }
        await _simulator.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task RedisKilledMidTraffic_FailOpen_EveryServedRequestIsInTheLedgerExactlyOnce()
    {
        var gateway = await StartGatewayAsync();
        var tokens = new[] { await gateway.IssueTokenAsync("rag", "outage-a"), await gateway.IssueTokenAsync("rag", "outage-b") };
        var spool = SpoolOf(gateway);
        var seen = new ConcurrentQueue<SeenResponse>();
        var completed = 0;
        var maxSpooled = 0;
        using var stop = new CancellationTokenSource();

        async Task WorkAsync(int worker)
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var token = tokens[(worker + i) % tokens.Length].Token;
                using var request = gateway.Request(HttpMethod.Post, "/v1/chat/completions", token,
                    $$"""{"model":"deepseek-v3.2","max_tokens":{{10 + (i % 7)}},"messages":[{"role":"user","content":"worker {{worker}} call {{i}}"}]}""");
                using var response = await gateway.Http.SendAsync(request);
                await response.Content.ReadAsStringAsync();
                seen.Enqueue(Seen(response));
                Interlocked.Increment(ref completed);
                InterlockedMax(ref maxSpooled, spool.Count);
            }
        }

        async Task WaitForAsync(Func<bool> condition, string what)
        {
            await WaitUntilAsync(() => Task.FromResult(condition()), TimeSpan.FromSeconds(45), what);
        }

        var workers = Enumerable.Range(0, Workers).Select(w => Task.Run(() => WorkAsync(w))).ToArray();
        try
        {
            await WaitForAsync(() => Volatile.Read(ref completed) >= 40, "40 requests were served before the kill");
            await _redis.KillAsync();
            var atKill = Volatile.Read(ref completed);
            // Keep sending while Redis is down until records really had to be spooled.
            await WaitForAsync(() => Volatile.Read(ref completed) >= atKill + 2 * Workers && spool.Count >= Workers,
                $"{2 * Workers} more requests completed and at least {Workers} records were spooled while Redis was down");
            var spooledWhileDown = spool.Count;
            // What waits on disk for Redis holds no secret either.
            using (var reader = new StreamReader(new FileStream(Path.Combine(gateway.DataPath, "ledger-spool.jsonl"), FileMode.Open, FileAccess.Read, FileShare.ReadWrite)))
            {
                AssertNoSecrets(await reader.ReadToEndAsync(), tokens.Select(t => t.Token), "the ledger spool");
            }
            await _redis.StartAgainAsync();
            var atRestart = Volatile.Read(ref completed);
            _output.WriteLine($"killed after {atKill} responses; restarted after {atRestart} with {spooledWhileDown} records spooled");
            await WaitForAsync(() => Volatile.Read(ref completed) >= atRestart + 40, "40 more requests completed after Redis came back");
            Assert.True(spooledWhileDown > 0);
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(workers);
        }

        var responses = seen.ToList();
        var ok = responses.Where(r => r.Status == 200).Select(r => r.RequestId!).ToList();
        Assert.True(ok.Count >= 80, $"only {ok.Count} requests were served");
        Assert.Equal(ok.Count, ok.Distinct().Count());

        // The replayer drains the spool once Redis answers; then the ledger holds every served request.
        List<LedgerRecord> ledger = [];
        await WaitUntilAsync(async () =>
        {
            if (spool.Count > 0)
            {
                return false;
            }
            ledger = await LedgerAsync(gateway, "rag");
            return ledger.Count >= ok.Count;
        }, TimeSpan.FromSeconds(30), "the spool is empty and the ledger holds every served request");

        _output.WriteLine($"{responses.Count} responses, {ok.Count} served (200), {ledger.Count} ledger records, at most {maxSpooled} spooled; "
            + string.Join(", ", responses.GroupBy(r => r.Status).Select(g => $"{g.Key}: {g.Count()}")));
        var ids = ledger.Select(r => r.RequestId).ToList();
        var twice = ids.GroupBy(id => id).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(twice.Count == 0, $"{twice.Count} records appear twice in the ledger");
        var missing = ok.Except(ids).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} of {ok.Count} served requests are missing from the ledger (spooled at most {maxSpooled})");
        // Nothing in the ledger that no client was answered for, and each served request recorded as served.
        var answered = responses.Where(r => r.RequestId is not null).ToDictionary(r => r.RequestId!, r => r.Status);
        Assert.All(ledger, r => Assert.True(answered.TryGetValue(r.RequestId, out var status) && status == r.Status, $"record {r.RequestId} has status {r.Status}"));
        Assert.Equal(ok.Order(StringComparer.Ordinal), ledger.Where(r => r.Status == 200).Select(r => r.RequestId).Order(StringComparer.Ordinal));

        // Every served request was billed by the simulator once and recorded with that usage.
        var billed = _simulator.ReportedUsage.ToDictionary(u => u.RequestId);
        Assert.Equal(ok.Count, billed.Count);
        Assert.All(ledger.Where(r => r.Status == 200), r =>
        {
            var usage = billed[r.UpstreamRequestId!];
            Assert.Equal((usage.PromptTokens, usage.CompletionTokens), (r.InputTokens, r.OutputTokens));
        });

        // The aggregates and the month's spend count each request once: replays were idempotent there too.
        var (_, total) = await SpendJsonAsync(gateway, "team", "team");
        Assert.Equal(new Row("total", ledger.Count, ledger.Sum(r => (long)r.InputTokens), ledger.Sum(r => (long)r.OutputTokens), ledger.Sum(r => r.CostMicros)), total);
        var (month, teams) = await BudgetsAsync(gateway);
        Assert.Equal(ledger.Where(r => Month(r) == month).Sum(r => r.CostMicros), teams["rag"].Spent);
        Assert.Equal(0, teams["rag"].Reserved);
        Assert.True(gateway.Logs.Contains("spooled locally"));
        Assert.True(gateway.Logs.Contains("Replayed"));
    }

    [Fact]
    public async Task RecordsSpooled_GatewayRestartedBeforeRedisReturns_AreReplayedExactlyOnce()
    {
        var gateway = await StartGatewayAsync();
        var (token, _) = await gateway.IssueTokenAsync("rag", "restart");
        async Task<SeenResponse> SendAsync(int i)
        {
            using var response = await gateway.Http.SendAsync(gateway.Request(HttpMethod.Post, "/v1/chat/completions", token,
                $$"""{"model":"deepseek-v3.2","max_tokens":12,"messages":[{"role":"user","content":"call {{i}}"}]}"""));
            await response.Content.ReadAsStringAsync();
            return Seen(response);
        }
        var before = await Task.WhenAll(Enumerable.Range(0, 5).Select(SendAsync));
        await LedgerWhenCountAsync(gateway, before.Length, "rag");

        await _redis.KillAsync();
        var during = await Task.WhenAll(Enumerable.Range(5, 8).Select(SendAsync));
        Assert.All(during, r => Assert.Equal(200, r.Status)); // fail-open: served, and recorded in the spool
        var spool = SpoolOf(gateway);
        await WaitUntilAsync(() => Task.FromResult(spool.Count >= during.Length), TimeSpan.FromSeconds(20), "every record of the outage is spooled");
        Assert.Equal(during.Length, spool.Count);

        // The gateway stops with the records on disk, Redis returns, a new process on the same data folder replays them.
        var dataPath = gateway.DataPath;
        _gateways.Remove(gateway);
        await gateway.DisposeAsync();
        await _redis.StartAgainAsync();
        var restarted = await StartGatewayAsync(dataPath);
        var restartedSpool = SpoolOf(restarted);
        List<LedgerRecord> ledger = [];
        await WaitUntilAsync(async () => restartedSpool.Count == 0 && (ledger = await LedgerAsync(restarted, "rag")).Count >= before.Length + during.Length,
            TimeSpan.FromSeconds(30), "the restarted gateway replayed the spool");

        Assert.Equal(before.Concat(during).Select(r => r.RequestId!).Order(StringComparer.Ordinal), ledger.Select(r => r.RequestId).Order(StringComparer.Ordinal));
        var billed = _simulator.ReportedUsage.ToDictionary(u => u.RequestId);
        Assert.All(ledger, r => Assert.Equal((billed[r.UpstreamRequestId!].PromptTokens, billed[r.UpstreamRequestId!].CompletionTokens), (r.InputTokens, r.OutputTokens)));
        var (_, total) = await SpendJsonAsync(restarted, "team", "team");
        Assert.Equal(new Row("total", ledger.Count, ledger.Sum(r => (long)r.InputTokens), ledger.Sum(r => (long)r.OutputTokens), ledger.Sum(r => r.CostMicros)), total);
        var (month, teams) = await BudgetsAsync(restarted);
        Assert.Equal(ledger.Where(r => Month(r) == month).Sum(r => r.CostMicros), teams["rag"].Spent);
        Assert.Equal(0, teams["rag"].Reserved);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }
            current = seen;
        }
    }
}

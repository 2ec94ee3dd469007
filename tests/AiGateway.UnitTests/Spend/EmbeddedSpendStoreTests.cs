using AiGateway.Spend;
using AiGateway.Storage;
using AiGateway.UnitTests.TestSupport;
using Microsoft.Extensions.Time.Testing;
using static AiGateway.UnitTests.Spend.SpendTestData;

namespace AiGateway.UnitTests.Spend;

/// <summary>What the contract cannot pin on Redis: restarts, a torn ledger, and time passing (fake clock).</summary>
public sealed class EmbeddedSpendStoreTests : IDisposable
{
    private readonly TempDirectory _folder = new();
    private readonly FakeTimeProvider _time = new(Start);
    private readonly List<IDisposable> _stores = [];

    public void Dispose()
    {
        _stores.ForEach(s => s.Dispose());
        _folder.Dispose();
    }

    private static CancellationToken None => CancellationToken.None;

    private string LedgerPath => Path.Combine(_folder.Path, "ledger.jsonl");

    private EmbeddedSpendStore Open()
    {
        var store = new EmbeddedSpendStore(_time, new DataDirectory(_folder.Path));
        _stores.Add(store);
        return store;
    }

    private EmbeddedSpendStore Reopen(EmbeddedSpendStore store)
    {
        store.Dispose();
        return Open();
    }

    private static async Task<SettleResult> SettleAsync(EmbeddedSpendStore store, LedgerRecord record, SpendPolicy policy, SpendReservation? reservation = null) =>
        await store.SettleAsync(new Settlement(record, reservation, policy), None);

    [Fact]
    public async Task Restart_KeepsMonthSpendAggregatesLedgerAndKnownTeams()
    {
        var store = Open();
        var records = new[]
        {
            Record("rag", 100, timeMs: Ms("2025-03-01T00:00:00Z")),
            Record("rag", 250, token: "tok_b", timeMs: Ms("2025-03-14T09:00:00Z"), app: "app-2"),
            Record("rag", 7, timeMs: Ms("2025-02-28T23:59:59.999Z")),
            Record("search", 40, timeMs: Ms("2025-03-02T00:00:00Z"), model: "deepseek-v3.2"),
        };
        foreach (var record in records)
        {
            await SettleAsync(store, record, SpendPolicy.None);
        }
        var aggregates = await store.ReadAggregatesAsync(["rag", "search"], new DateOnly(2025, 2, 1), new DateOnly(2025, 3, 31), None);

        var restarted = Reopen(store);

        Assert.Equal(0, restarted.SkippedOnLoad);
        Assert.Equal(350, (await restarted.GetBudgetAsync("rag", "2025-03", None)).SpentMicros);
        Assert.Equal(7, (await restarted.GetBudgetAsync("rag", "2025-02", None)).SpentMicros);
        Assert.Equal(40, (await restarted.GetBudgetAsync("search", "2025-03", None)).SpentMicros);
        Assert.Equal(aggregates.OrderBy(a => a.ToString(), StringComparer.Ordinal),
            (await restarted.ReadAggregatesAsync(["rag", "search"], new DateOnly(2025, 2, 1), new DateOnly(2025, 3, 31), None)).OrderBy(a => a.ToString(), StringComparer.Ordinal));
        Assert.Equal(records.OrderBy(r => r.RequestId, StringComparer.Ordinal),
            (await restarted.ReadLedgerAsync(["rag", "search"], 0, long.MaxValue, None)).OrderBy(r => r.RequestId, StringComparer.Ordinal));
        Assert.Equal(["rag", "search"], (await restarted.KnownTeamsAsync(None)).Order(StringComparer.Ordinal));
        // Token month totals come back too: the next settlement continues from them.
        var next = await SettleAsync(restarted, Record("rag", 1, token: "tok_b"), SpendPolicy.None);
        Assert.Equal((351, 251), (next.TeamMonthMicros, next.TokenMonthMicros));
    }

    [Fact]
    public async Task Restart_SettlingARequestIdAgain_IsADuplicate()
    {
        var store = Open();
        var record = Record("rag", 100);
        await SettleAsync(store, record, SpendPolicy.None);

        var restarted = Reopen(store);
        var again = await SettleAsync(restarted, record, SpendPolicy.None);

        Assert.False(again.Recorded);
        Assert.Equal(100, (await restarted.GetBudgetAsync("rag", Month, None)).SpentMicros);
        Assert.Single(File.ReadAllLines(LedgerPath));
    }

    [Fact]
    public async Task Restart_KeepsOpenBreakers_AndAResetStaysReset()
    {
        var store = Open();
        var policy = Breakers(team: new VelocityLimit(1000, 300), token: new VelocityLimit(100, 300));
        Assert.Equal(SpendRefusal.TokenVelocity, (await store.ReserveAsync(Request("rag", 101, policy), None)).Refusal);
        Assert.Equal(SpendRefusal.TeamVelocity, (await store.ReserveAsync(Request("search", 1001, policy), None)).Refusal);

        var restarted = Reopen(store);
        var token = await restarted.ReserveAsync(Request("rag", 1, policy), None);
        var otherToken = await restarted.ReserveAsync(Request("rag", 1, policy, token: "tok_b"), None);
        var team = await restarted.ReserveAsync(Request("search", 1, policy, token: "tok_z"), None);
        Assert.True(await restarted.ResetBreakerAsync("search", null, None));
        var again = Reopen(restarted);

        Assert.Equal(SpendRefusal.TokenSuspended, token.Refusal);
        Assert.True(otherToken.Admitted);
        Assert.Equal(SpendRefusal.TeamSuspended, team.Refusal);
        Assert.True((await again.GetBudgetAsync("search", Month, None)) is { Suspended: false });
        Assert.True((await again.ReserveAsync(Request("search", 1, policy), None)).Admitted);
        Assert.Equal(SpendRefusal.TokenSuspended, (await again.ReserveAsync(Request("rag", 1, policy), None)).Refusal);
        Assert.True(await again.ResetBreakerAsync("rag", "tok_a", None));
        Assert.True((await Reopen(again).ReserveAsync(Request("rag", 1, policy), None)).Admitted);
    }

    [Fact]
    public async Task Restart_RecentSpendStillCountsForVelocity_OldSpendDoesNot()
    {
        var store = Open();
        var policy = Breakers(team: new VelocityLimit(1000, 3600));
        await SettleAsync(store, Record("rag", 700, timeMs: _time.GetUtcNow().ToUnixTimeMilliseconds()), policy);
        await SettleAsync(store, Record("search", 700, timeMs: _time.GetUtcNow().AddDays(-2).ToUnixTimeMilliseconds()), policy);

        var restarted = Reopen(store);

        Assert.Equal(SpendRefusal.TeamVelocity, (await restarted.ReserveAsync(Request("rag", 301, policy), None)).Refusal);
        Assert.True((await restarted.ReserveAsync(Request("search", 1000, policy), None)).Admitted);
    }

    [Fact]
    public async Task Load_TornLastLine_SkippedEarlierRecordsKeptAndTheNextAppendStartsItsOwnLine()
    {
        var store = Open();
        var first = Record("rag", 100);
        var second = Record("rag", 200);
        await SettleAsync(store, first, SpendPolicy.None);
        await SettleAsync(store, second, SpendPolicy.None);
        store.Dispose();
        var torn = Record("rag", 400);
        var line = System.Text.Json.JsonSerializer.Serialize(torn, LedgerJsonContext.Default.LedgerRecord);
        File.AppendAllText(LedgerPath, line[..(line.Length / 2)]);

        var restarted = Open();
        var third = Record("rag", 300);
        var settled = await SettleAsync(restarted, third, SpendPolicy.None);
        var ledger = await restarted.ReadLedgerAsync(["rag"], 0, long.MaxValue, None);
        var lines = File.ReadAllLines(LedgerPath);
        restarted.Dispose();
        var reloaded = Open();

        Assert.Equal(1, restarted.SkippedOnLoad);
        Assert.Equal(600, settled.TeamMonthMicros);
        Assert.Equal([first, second, third], ledger);
        Assert.Equal(4, lines.Length);
        Assert.Equal(line[..(line.Length / 2)], lines[2]);
        Assert.Equal(1, reloaded.SkippedOnLoad);
        Assert.Equal(600, (await reloaded.GetBudgetAsync("rag", Month, None)).SpentMicros);
        Assert.True((await SettleAsync(reloaded, torn, SpendPolicy.None)).Recorded); // the torn record never counted
    }

    [Fact]
    public async Task Load_EmptyAndBlankLines_Ignored()
    {
        var record = Record("rag", 5);
        File.WriteAllText(LedgerPath, "\n" + System.Text.Json.JsonSerializer.Serialize(record, LedgerJsonContext.Default.LedgerRecord) + "\n\n");

        var store = Open();

        Assert.Equal(0, store.SkippedOnLoad);
        Assert.Equal(5, (await store.GetBudgetAsync("rag", Month, None)).SpentMicros);
    }

    [Fact]
    public async Task Hold_ExpiresAfterFifteenMinutes()
    {
        var store = Open();
        var policy = Caps(teamCap: 1000, tokenCap: 1000);
        Assert.True((await store.ReserveAsync(Request("rag", 1000, policy), None)).Admitted);

        _time.Advance(TimeSpan.FromMilliseconds(SpendStoreDefaults.HoldMilliseconds - 1));
        var stillHeld = await store.ReserveAsync(Request("rag", 1, policy), None);
        var budgetHeld = await store.GetBudgetAsync("rag", Month, None);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        var budgetExpired = await store.GetBudgetAsync("rag", Month, None);
        var afterExpiry = await store.ReserveAsync(Request("rag", 1000, policy), None);

        Assert.Equal(15 * 60 * 1000, SpendStoreDefaults.HoldMilliseconds);
        Assert.Equal(SpendRefusal.TeamBudget, stillHeld.Refusal);
        Assert.Equal(1000, budgetHeld.ReservedMicros);
        Assert.Equal(0, budgetExpired.ReservedMicros);
        Assert.True(afterExpiry.Admitted);
    }

    [Fact]
    public async Task Hold_ExpiredThenSettled_ReleasesNothingTwice()
    {
        var store = Open();
        var policy = Caps(teamCap: 1000, tokenCap: 1000);
        var id = NewRequestId();
        var held = await store.ReserveAsync(Request("rag", 600, policy, requestId: id), None);
        _time.Advance(TimeSpan.FromMilliseconds(SpendStoreDefaults.HoldMilliseconds));
        Assert.True((await store.ReserveAsync(Request("rag", 400, policy), None)).Admitted); // the first hold has expired

        await SettleAsync(store, Record("rag", 500, requestId: id), policy, held.Reservation);

        Assert.Equal(new BudgetState(500, 400, false), await store.GetBudgetAsync("rag", Month, None));
        Assert.Equal(SpendRefusal.TokenBudget, (await store.ReserveAsync(Request("rag", 101, Caps(tokenCap: 1000)), None)).Refusal);
        Assert.True((await store.ReserveAsync(Request("rag", 100, policy), None)).Admitted);
    }

    [Theory]
    [InlineData(34_999, true)] // the bucket of the spend is still inside a 30 s window (up to 5 s stricter)
    [InlineData(35_000, false)]
    [InlineData(3_600_000, false)]
    public async Task Velocity_SpendOlderThanTheWindow_StopsCounting(int advanceMs, bool stillCounts)
    {
        var store = Open();
        var policy = Breakers(team: new VelocityLimit(1000, 30));
        await SettleAsync(store, Record("rag", 700), policy); // at a whole 5 s bucket

        _time.Advance(TimeSpan.FromMilliseconds(advanceMs));
        var admission = await store.ReserveAsync(Request("rag", 700, policy), None);

        Assert.Equal(stillCounts ? SpendRefusal.TeamVelocity : SpendRefusal.None, admission.Refusal);
    }

    [Fact]
    public async Task Velocity_WindowSlides_SpendIsForgottenPieceByPiece()
    {
        var store = Open();
        var policy = Breakers(token: new VelocityLimit(1000, 60));
        await SettleAsync(store, Record("rag", 400), policy);
        _time.Advance(TimeSpan.FromSeconds(30));
        await SettleAsync(store, Record("rag", 400), policy);

        _time.Advance(TimeSpan.FromSeconds(35)); // the first 400 has left the window, the second has not
        var fits = await store.ReserveAsync(Request("rag", 600, policy), None);
        var trips = await store.ReserveAsync(Request("rag", 1, policy), None);

        Assert.True(fits.Admitted);
        Assert.Equal(SpendRefusal.TokenVelocity, trips.Refusal);
        Assert.Equal(1000, trips.SpentMicros);
    }

    [Fact]
    public async Task Velocity_SpendCountsWhenSettled_NotWhenTheRequestArrived()
    {
        var store = Open();
        var policy = Breakers(team: new VelocityLimit(1000, 60));

        // A long request that arrived an hour ago and settles now counts in the current window.
        await SettleAsync(store, Record("rag", 900, timeMs: _time.GetUtcNow().AddHours(-1).ToUnixTimeMilliseconds()), policy);

        Assert.Equal(SpendRefusal.TeamVelocity, (await store.ReserveAsync(Request("rag", 101, policy), None)).Refusal);
    }

    [Fact]
    public async Task Memory_Store_WritesNoFilesAndMarksReservationsLocal()
    {
        using var store = new EmbeddedSpendStore(_time, local: true);

        var admission = await store.ReserveAsync(Request("rag", 5, Caps(teamCap: 10)), None);
        await SettleAsync(store, Record("rag", 5), SpendPolicy.None);

        Assert.True(admission.Reservation.Local);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_folder.Path));
        Assert.Equal(0, store.SkippedOnLoad);
    }

    [Fact]
    public async Task Release_FreesAHoldWithoutRecording()
    {
        using var store = new EmbeddedSpendStore(_time, local: true);
        var policy = Caps(teamCap: 10);
        var id = NewRequestId();
        Assert.True((await store.ReserveAsync(Request("rag", 10, policy, requestId: id), None)).Admitted);

        store.Release("rag", id);
        store.Release("nobody", id);

        Assert.Equal(new BudgetState(0, 0, false), await store.GetBudgetAsync("rag", Month, None));
        Assert.Empty(await store.KnownTeamsAsync(None));
    }
}

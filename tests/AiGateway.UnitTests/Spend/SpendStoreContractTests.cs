using AiGateway.Spend;
using static AiGateway.UnitTests.Spend.SpendTestData;

namespace AiGateway.UnitTests.Spend;

/// <summary>
/// One behaviour, every spend store (embedded in memory, embedded with a data folder, Redis). Nothing here
/// depends on time passing: Redis uses its own clock, so windows sliding and holds expiring are tested on
/// the embedded store with a fake clock (<see cref="EmbeddedSpendStoreTests"/>).
/// </summary>
public abstract class SpendStoreContractTests
{
    /// <summary>A fresh, empty store.</summary>
    protected abstract ISpendStore CreateStore();

    /// <summary>False for the memory-only embedded store (the Redis store's local fallback), which keeps no ledger to read back.</summary>
    protected virtual bool KeepsLedger => true;

    /// <summary>Whether reservations this store makes are marked local (the fallback store).</summary>
    protected virtual bool LocalReservations => false;

    private static CancellationToken None => CancellationToken.None;

    private static VelocityLimit PerHour(long micros) => new(micros, 3600);

    private static async Task<SettleResult> SettleAsync(ISpendStore store, LedgerRecord record, SpendPolicy policy, SpendReservation? reservation = null) =>
        await store.SettleAsync(new Settlement(record, reservation, policy), None);

    /// <summary>Reserves and settles one request at <paramref name="cost"/>, as the gateway does.</summary>
    private static async Task<SettleResult> SpendAsync(ISpendStore store, string team, long cost, SpendPolicy policy, string token = "tok_a")
    {
        var id = NewRequestId();
        var admission = await store.ReserveAsync(Request(team, cost, policy, token, id), None);
        Assert.True(admission.Admitted, $"the reservation of {cost} was refused: {admission.Refusal}");
        return await SettleAsync(store, Record(team, cost, token, id), policy, admission.Reservation);
    }

    [Fact]
    public async Task Reserve_WithinCaps_AdmittedAndHeld()
    {
        var store = CreateStore();
        var policy = Caps(teamCap: 1000, tokenCap: 500);

        var admission = await store.ReserveAsync(Request("rag", 300, policy), None);
        var budget = await store.GetBudgetAsync("rag", Month, None);

        Assert.True(admission.Admitted);
        Assert.Equal(SpendRefusal.None, admission.Refusal);
        Assert.False(admission.Tripped);
        Assert.False(admission.StoreUnavailable);
        Assert.Equal(new SpendReservation("rag", "tok_a", 300, LocalReservations), admission.Reservation);
        Assert.Equal(new BudgetState(0, 300, false), budget);
    }

    [Fact]
    public async Task Reserve_TeamCap_CountsSettledPlusHeld()
    {
        var store = CreateStore();
        var policy = Caps(teamCap: 1000);
        await SpendAsync(store, "rag", 400, policy);
        Assert.True((await store.ReserveAsync(Request("rag", 300, policy, token: "tok_b"), None)).Admitted);

        var refused = await store.ReserveAsync(Request("rag", 301, policy, token: "tok_c"), None);
        var fitsExactly = await store.ReserveAsync(Request("rag", 300, policy, token: "tok_c"), None);
        var overByOne = await store.ReserveAsync(Request("rag", 1, policy), None);

        Assert.False(refused.Admitted);
        Assert.Equal(SpendRefusal.TeamBudget, refused.Refusal);
        Assert.Equal((700, 1000), (refused.SpentMicros, refused.LimitMicros));
        Assert.False(refused.Tripped);
        Assert.Equal(default, refused.Reservation);
        Assert.True(fitsExactly.Admitted);
        Assert.Equal(SpendRefusal.TeamBudget, overByOne.Refusal);
        Assert.Equal(1000, overByOne.SpentMicros);
        Assert.Equal(new BudgetState(400, 600, false), await store.GetBudgetAsync("rag", Month, None));
    }

    [Fact]
    public async Task Reserve_ManyInParallel_AdmitsExactlyAsManyHoldsAsFitTheCap()
    {
        // Concurrent requests cannot overrun a cap: with cap C and hold h, exactly floor(C/h) are admitted.
        var store = CreateStore();
        var policy = Caps(teamCap: 10_000);

        var admissions = await Task.WhenAll(Enumerable.Range(0, 64).Select(i => Task.Run(async () =>
            await store.ReserveAsync(Request("rag", 700, policy, token: "tok_" + (i % 5)), None))));

        Assert.Equal(10_000 / 700, admissions.Count(a => a.Admitted));
        Assert.All(admissions.Where(a => !a.Admitted), a => Assert.Equal(SpendRefusal.TeamBudget, a.Refusal));
        Assert.Equal(new BudgetState(0, 14 * 700, false), await store.GetBudgetAsync("rag", Month, None));
    }

    [Fact]
    public async Task Reserve_ManyInParallelAgainstTheTokenCap_AdmitsExactlyAsManyAsFit()
    {
        var store = CreateStore();
        var policy = Caps(tokenCap: 1_000);

        var admissions = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(async () =>
            await store.ReserveAsync(Request("rag", 300, policy, token: i % 2 == 0 ? "tok_even" : "tok_odd"), None))));

        Assert.Equal(6, admissions.Count(a => a.Admitted));
        Assert.Equal(3, admissions.Count(a => a.Admitted && a.Reservation.TokenId == "tok_even"));
        Assert.All(admissions.Where(a => !a.Admitted), a => Assert.Equal(SpendRefusal.TokenBudget, a.Refusal));
    }

    [Fact]
    public async Task Reserve_TokenCap_RefusesOnlyThatToken()
    {
        var store = CreateStore();
        var policy = Caps(teamCap: 10_000, tokenCap: 500);
        await SpendAsync(store, "rag", 250, policy);
        Assert.True((await store.ReserveAsync(Request("rag", 150, policy), None)).Admitted);

        var refused = await store.ReserveAsync(Request("rag", 101, policy), None);
        var fits = await store.ReserveAsync(Request("rag", 100, policy), None);
        var otherToken = await store.ReserveAsync(Request("rag", 500, policy, token: "tok_b"), None);

        Assert.Equal(SpendRefusal.TokenBudget, refused.Refusal);
        Assert.Equal((400, 500), (refused.SpentMicros, refused.LimitMicros));
        Assert.True(fits.Admitted);
        Assert.True(otherToken.Admitted);
    }

    [Fact]
    public async Task Reserve_NoCapsNoBreakers_AlwaysAdmitted()
    {
        var store = CreateStore();

        var admission = await store.ReserveAsync(Request("rag", 1_000_000_000_000, SpendPolicy.None), None);

        Assert.True(admission.Admitted);
    }

    [Fact]
    public async Task Reserve_OtherMonth_DoesNotCountThisMonthsSpend()
    {
        var store = CreateStore();
        var policy = Caps(teamCap: 1000, tokenCap: 1000);
        await SpendAsync(store, "rag", 900, policy);

        var april = await store.ReserveAsync(Request("rag", 1000, policy, month: "2025-04"), None);

        Assert.True(april.Admitted); // the hold counts, but March's settled spend does not
        Assert.Equal(new BudgetState(0, 1000, false), await store.GetBudgetAsync("rag", "2025-04", None));
        Assert.Equal(900, (await store.GetBudgetAsync("rag", Month, None)).SpentMicros);
    }

    [Fact]
    public async Task Reserve_Refused_HoldsNothing()
    {
        var store = CreateStore();
        var policy = Caps(teamCap: 1000);

        var refused = await store.ReserveAsync(Request("rag", 1001, policy), None);

        Assert.Equal(SpendRefusal.TeamBudget, refused.Refusal);
        Assert.Equal(new BudgetState(0, 0, false), await store.GetBudgetAsync("rag", Month, None));
        Assert.True((await store.ReserveAsync(Request("rag", 1000, policy), None)).Admitted);
    }

    [Fact]
    public async Task Settle_ReleasesTheHold_SoTheCapFitsAgain()
    {
        var store = CreateStore();
        var policy = Caps(teamCap: 1000, tokenCap: 1000);
        var id = NewRequestId();
        var held = await store.ReserveAsync(Request("rag", 800, policy, requestId: id), None);
        Assert.Equal(SpendRefusal.TeamBudget, (await store.ReserveAsync(Request("rag", 300, policy), None)).Refusal);

        var settled = await SettleAsync(store, Record("rag", 100, requestId: id), policy, held.Reservation);
        var after = await store.ReserveAsync(Request("rag", 900, policy), None);

        Assert.True(settled.Recorded);
        Assert.Equal((100, 100), (settled.TeamMonthMicros, settled.TokenMonthMicros));
        Assert.True(after.Admitted);
        Assert.Equal(new BudgetState(100, 900, false), await store.GetBudgetAsync("rag", Month, None));
    }

    [Fact]
    public async Task Settle_WithoutAReservation_RecordsAndHoldsNothing()
    {
        var store = CreateStore();

        var settled = await SettleAsync(store, Record("rag", 123), SpendPolicy.None);

        Assert.True(settled.Recorded);
        Assert.Equal(new SettleResult(true, 123, 123, false, false, SpendRefusal.None), settled);
        Assert.Equal(new BudgetState(123, 0, false), await store.GetBudgetAsync("rag", Month, None));
    }

    [Fact]
    public async Task Settle_ReportsTheMonthTotalsOfTeamAndToken()
    {
        var store = CreateStore();
        var policy = Caps(teamCap: 100_000);

        var a1 = await SpendAsync(store, "rag", 100, policy, "tok_a");
        var b1 = await SpendAsync(store, "rag", 250, policy, "tok_b");
        var a2 = await SpendAsync(store, "rag", 1000, policy, "tok_a");
        var other = await SpendAsync(store, "search", 7, policy, "tok_a");

        Assert.Equal((100, 100), (a1.TeamMonthMicros, a1.TokenMonthMicros));
        Assert.Equal((350, 250), (b1.TeamMonthMicros, b1.TokenMonthMicros));
        Assert.Equal((1350, 1100), (a2.TeamMonthMicros, a2.TokenMonthMicros));
        Assert.Equal((7, 7), (other.TeamMonthMicros, other.TokenMonthMicros)); // teams never share totals
        Assert.Equal(new BudgetState(1350, 0, false), await store.GetBudgetAsync("rag", Month, None));
    }

    [Fact]
    public async Task Settle_SameRequestIdTwice_CountsOnce()
    {
        var store = CreateStore();
        var policy = Caps(teamCap: 10_000, alertPercent: 1);
        var id = NewRequestId();
        var held = await store.ReserveAsync(Request("rag", 500, policy, requestId: id), None);
        var record = Record("rag", 400, requestId: id);

        var first = await SettleAsync(store, record, policy, held.Reservation);
        var budget = await store.GetBudgetAsync("rag", Month, None);
        var aggregates = await store.ReadAggregatesAsync(["rag"], new DateOnly(2025, 3, 1), new DateOnly(2025, 3, 31), None);
        var ledger = await store.ReadLedgerAsync(["rag"], 0, long.MaxValue, None);
        var second = await SettleAsync(store, record, policy, held.Reservation);
        var changedCopy = await SettleAsync(store, record with { CostMicros = 9_000, InputTokens = 1 }, policy, held.Reservation);

        Assert.True(first.Recorded);
        Assert.True(first.TeamAlert);
        Assert.False(second.Recorded);
        Assert.False(second.TeamAlert || second.TokenAlert);
        Assert.Equal(SpendRefusal.None, second.Tripped);
        Assert.False(changedCopy.Recorded);
        Assert.Equal(new BudgetState(400, 0, false), budget);
        Assert.Equal(budget, await store.GetBudgetAsync("rag", Month, None));
        Assert.Equal(aggregates, await store.ReadAggregatesAsync(["rag"], new DateOnly(2025, 3, 1), new DateOnly(2025, 3, 31), None));
        Assert.Equal(1, Assert.Single(aggregates).Requests);
        Assert.Equal(ledger, await store.ReadLedgerAsync(["rag"], 0, long.MaxValue, None));
        Assert.Equal(KeepsLedger ? 1 : 0, ledger.Count);
    }

    [Fact]
    public async Task Settle_SameRequestIdInParallel_CountsOnce()
    {
        var store = CreateStore();
        var record = Record("rag", 400);

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(async () => await SettleAsync(store, record, SpendPolicy.None))));

        Assert.Equal(1, results.Count(r => r.Recorded));
        Assert.Equal(400, (await store.GetBudgetAsync("rag", Month, None)).SpentMicros);
    }

    [Fact]
    public async Task Reserve_OverTeamVelocity_TripsAndSuspendsTheTeamUntilReset()
    {
        var store = CreateStore();
        var policy = Breakers(team: PerHour(1000));
        await SpendAsync(store, "rag", 700, policy);

        var tripping = await store.ReserveAsync(Request("rag", 301, policy), None);
        var sameToken = await store.ReserveAsync(Request("rag", 1, policy), None);
        var otherToken = await store.ReserveAsync(Request("rag", 1, policy, token: "tok_b"), None);
        var otherTeam = await store.ReserveAsync(Request("search", 1, policy), None);
        var budget = await store.GetBudgetAsync("rag", Month, None);
        var reset = await store.ResetBreakerAsync("rag", null, None);
        var resetAgain = await store.ResetBreakerAsync("rag", null, None);
        var afterReset = await store.ReserveAsync(Request("rag", 300, policy), None);

        Assert.Equal(SpendRefusal.TeamVelocity, tripping.Refusal);
        Assert.True(tripping.Tripped);
        Assert.Equal((700, 1000), (tripping.SpentMicros, tripping.LimitMicros));
        Assert.Equal(SpendRefusal.TeamSuspended, sameToken.Refusal);
        Assert.False(sameToken.Tripped);
        Assert.Equal(SpendRefusal.TeamSuspended, otherToken.Refusal);
        Assert.True(otherTeam.Admitted);
        Assert.True(budget.Suspended);
        Assert.True(reset);
        Assert.False(resetAgain);
        Assert.True(afterReset.Admitted); // 700 + 300 is exactly the limit
        Assert.False((await store.GetBudgetAsync("rag", Month, None)).Suspended);
    }

    [Fact]
    public async Task Settle_CostAboveItsHold_CanStillTripTheBreaker()
    {
        // The estimate was too low: the request held 100 but cost 300, which carries the hour past its limit.
        var store = CreateStore();
        var policy = Breakers(team: PerHour(1000));
        await SpendAsync(store, "rag", 850, policy);
        var id = NewRequestId();
        var admission = await store.ReserveAsync(Request("rag", 100, policy, requestId: id), None);

        var settled = await SettleAsync(store, Record("rag", 300, requestId: id), policy, admission.Reservation);

        Assert.True(admission.Admitted);
        Assert.Equal(SpendRefusal.TeamVelocity, settled.Tripped);
        Assert.True((await store.GetBudgetAsync("rag", Month, None)).Suspended);
    }

    [Fact]
    public async Task Reserve_LongestWindow_CountsSpendAndTrips()
    {
        // 24 h is the longest window a policy may name: 17,281 five-second buckets, read in chunks in Redis.
        var store = CreateStore();
        var policy = Breakers(team: new VelocityLimit(1000, SpendPolicyCompiler.MaxWindowSeconds), token: new VelocityLimit(900, SpendPolicyCompiler.MaxWindowSeconds));
        await SpendAsync(store, "rag", 600, policy);

        var exactly = await store.ReserveAsync(Request("rag", 300, policy), None);
        var over = await store.ReserveAsync(Request("rag", 1, policy), None);

        Assert.True(exactly.Admitted);
        Assert.Equal(SpendRefusal.TokenVelocity, over.Refusal);
        Assert.Equal((900, 900), (over.SpentMicros, over.LimitMicros));
    }

    [Fact]
    public async Task Reserve_AtExactlyTheVelocityLimit_Admitted()
    {
        var store = CreateStore();
        var policy = Breakers(team: PerHour(1000), token: PerHour(1000));
        await SpendAsync(store, "rag", 400, policy);

        var exactly = await store.ReserveAsync(Request("rag", 600, policy), None);

        Assert.True(exactly.Admitted);
    }

    [Fact]
    public async Task Reserve_OverTokenVelocity_SuspendsOnlyThatToken()
    {
        var store = CreateStore();
        var policy = Breakers(token: PerHour(500));
        await SpendAsync(store, "rag", 400, policy);

        var tripping = await store.ReserveAsync(Request("rag", 101, policy), None);
        var sameToken = await store.ReserveAsync(Request("rag", 1, policy), None);
        var otherToken = await store.ReserveAsync(Request("rag", 500, policy, token: "tok_b"), None);
        var budget = await store.GetBudgetAsync("rag", Month, None);
        var resetOther = await store.ResetBreakerAsync("rag", "tok_b", None);
        var resetTeam = await store.ResetBreakerAsync("rag", null, None);
        var stillSuspended = await store.ReserveAsync(Request("rag", 1, policy), None);
        var reset = await store.ResetBreakerAsync("rag", "tok_a", None);
        var afterReset = await store.ReserveAsync(Request("rag", 100, policy), None);

        Assert.Equal(SpendRefusal.TokenVelocity, tripping.Refusal);
        Assert.True(tripping.Tripped);
        Assert.Equal((400, 500), (tripping.SpentMicros, tripping.LimitMicros));
        Assert.Equal(SpendRefusal.TokenSuspended, sameToken.Refusal);
        Assert.True(otherToken.Admitted);
        Assert.False(budget.Suspended); // the team is not suspended by a token's breaker
        Assert.False(resetOther);
        Assert.False(resetTeam);
        Assert.Equal(SpendRefusal.TokenSuspended, stillSuspended.Refusal);
        Assert.True(reset);
        Assert.True(afterReset.Admitted);
    }

    [Fact]
    public async Task Reserve_VelocityCountsHoldsInFlight()
    {
        var store = CreateStore();
        var policy = Breakers(token: PerHour(1000));
        Assert.True((await store.ReserveAsync(Request("rag", 600, policy), None)).Admitted);

        var tripping = await store.ReserveAsync(Request("rag", 401, policy), None);

        Assert.Equal(SpendRefusal.TokenVelocity, tripping.Refusal);
        Assert.Equal(600, tripping.SpentMicros);
    }

    [Fact]
    public async Task Reserve_TeamSuspensionComesBeforeCaps()
    {
        var store = CreateStore();
        var tripPolicy = new SpendPolicy(1000, 0, 80, PerHour(100), VelocityLimit.None);
        Assert.Equal(SpendRefusal.TeamVelocity, (await store.ReserveAsync(Request("rag", 101, tripPolicy), None)).Refusal);

        var overCapToo = await store.ReserveAsync(Request("rag", 5000, tripPolicy), None);
        var noRules = await store.ReserveAsync(Request("rag", 1, SpendPolicy.None), None);

        Assert.Equal(SpendRefusal.TeamSuspended, overCapToo.Refusal);
        Assert.Equal(SpendRefusal.TeamSuspended, noRules.Refusal); // an open breaker refuses whatever the policy says
    }

    [Fact]
    public async Task Settle_CrossingTeamVelocity_TripsTheTeamBreaker()
    {
        var store = CreateStore();
        var policy = Breakers(team: PerHour(1000));

        var first = await SettleAsync(store, Record("rag", 600), policy);
        var second = await SettleAsync(store, Record("rag", 401, token: "tok_b"), policy);
        var third = await SettleAsync(store, Record("rag", 5), policy);
        var next = await store.ReserveAsync(Request("rag", 1, policy), None);

        Assert.Equal(SpendRefusal.None, first.Tripped);
        Assert.Equal(SpendRefusal.TeamVelocity, second.Tripped);
        Assert.Equal(SpendRefusal.None, third.Tripped); // already open: trips once
        Assert.True(third.Recorded);
        Assert.Equal(SpendRefusal.TeamSuspended, next.Refusal);
        Assert.True((await store.GetBudgetAsync("rag", Month, None)).Suspended);
    }

    [Fact]
    public async Task Settle_CrossingTokenVelocity_TripsOnlyThatToken()
    {
        var store = CreateStore();
        var policy = Breakers(token: PerHour(1000));

        var first = await SettleAsync(store, Record("rag", 1000), policy);
        var second = await SettleAsync(store, Record("rag", 1), policy);
        var third = await SettleAsync(store, Record("rag", 1), policy);
        var otherToken = await SettleAsync(store, Record("rag", 999, token: "tok_b"), policy);

        Assert.Equal(SpendRefusal.None, first.Tripped); // at the limit is not over it
        Assert.Equal(SpendRefusal.TokenVelocity, second.Tripped);
        Assert.Equal(SpendRefusal.None, third.Tripped);
        Assert.Equal(SpendRefusal.None, otherToken.Tripped);
        Assert.Equal(SpendRefusal.TokenSuspended, (await store.ReserveAsync(Request("rag", 1, policy), None)).Refusal);
        Assert.True((await store.ReserveAsync(Request("rag", 1, policy, token: "tok_b"), None)).Admitted);
    }

    [Fact]
    public async Task Settle_TeamAlert_FiresExactlyOnceForTheSettlementCrossingTheThreshold()
    {
        var store = CreateStore();
        var policy = Caps(teamCap: 1000, alertPercent: 80);

        var alerts = new List<bool>();
        foreach (var (cost, token) in new[] { (300L, "tok_a"), (300L, "tok_b"), (199L, "tok_a"), (1L, "tok_c"), (100L, "tok_a"), (500L, "tok_b") })
        {
            var result = await SettleAsync(store, Record("rag", cost, token), policy);
            alerts.Add(result.TeamAlert);
            Assert.False(result.TokenAlert); // no token cap
        }

        Assert.Equal([false, false, false, true, false, false], alerts); // 799 does not cross 80 %, 800 does
    }

    [Fact]
    public async Task Settle_TokenAlert_FiresOncePerToken()
    {
        var store = CreateStore();
        var policy = Caps(tokenCap: 1000, alertPercent: 50);

        var a1 = await SettleAsync(store, Record("rag", 499), policy);
        var b1 = await SettleAsync(store, Record("rag", 700, token: "tok_b"), policy);
        var a2 = await SettleAsync(store, Record("rag", 600), policy);
        var a3 = await SettleAsync(store, Record("rag", 600), policy);
        var b2 = await SettleAsync(store, Record("rag", 1, token: "tok_b"), policy);

        Assert.Equal([false, true, true, false, false], new[] { a1.TokenAlert, b1.TokenAlert, a2.TokenAlert, a3.TokenAlert, b2.TokenAlert });
        Assert.All(new[] { a1, b1, a2, a3, b2 }, r => Assert.False(r.TeamAlert));
    }

    [Fact]
    public async Task Settle_OneSettlementJumpingPastTheCap_AlertsOnce()
    {
        var store = CreateStore();
        var policy = Caps(teamCap: 1000, tokenCap: 1000, alertPercent: 100);

        var jump = await SettleAsync(store, Record("rag", 5000), policy);
        var more = await SettleAsync(store, Record("rag", 5000), policy);

        Assert.True(jump.TeamAlert && jump.TokenAlert);
        Assert.False(more.TeamAlert || more.TokenAlert);
    }

    [Fact]
    public async Task Settle_ManyInParallel_TheAlertFiresExactlyOnce()
    {
        var store = CreateStore();
        var policy = Caps(teamCap: 1000, tokenCap: 400, alertPercent: 50);

        var results = await Task.WhenAll(Enumerable.Range(0, 100).Select(i => Task.Run(async () =>
            await SettleAsync(store, Record("rag", 10, token: i % 2 == 0 ? "tok_a" : "tok_b"), policy))));

        Assert.Equal(1, results.Count(r => r.TeamAlert));
        Assert.Equal(500, results.Single(r => r.TeamAlert).TeamMonthMicros);
        Assert.Equal(2, results.Count(r => r.TokenAlert)); // once per token
        Assert.All(results.Where(r => r.TokenAlert), r => Assert.Equal(200, r.TokenMonthMicros));
        Assert.Equal(Enumerable.Range(1, 100).Select(i => i * 10L), results.Select(r => r.TeamMonthMicros).Order());
    }

    [Fact]
    public async Task ReadAggregates_SumExactlyToTheSettledRecords()
    {
        var store = CreateStore();
        var records = new List<LedgerRecord>();
        var random = new Random(5);
        foreach (var team in new[] { "rag", "search" })
        {
            for (var i = 0; i < 40; i++)
            {
                records.Add(Record(team, random.Next(1, 50_000), token: "tok_" + random.Next(3),
                    timeMs: Ms("2025-03-10T00:00:00Z") + random.Next(4) * 86_400_000L + random.Next(86_400_000),
                    app: "app-" + random.Next(2), model: random.Next(2) == 0 ? "gpt-4.1" : "deepseek-v3.2",
                    input: random.Next(10_000), output: random.Next(4_000)));
            }
        }
        records.Add(Record("rag", 77, timeMs: Ms("2025-03-09T23:59:59.999Z"))); // the day before the range
        records.Add(Record("rag", 88, timeMs: Ms("2025-03-14T00:00:00Z"))); // the day after
        foreach (var record in records)
        {
            Assert.True((await SettleAsync(store, record, SpendPolicy.None)).Recorded);
        }
        var inRange = records.Where(r => r.Day >= new DateOnly(2025, 3, 10) && r.Day <= new DateOnly(2025, 3, 13)).ToList();

        var rows = await store.ReadAggregatesAsync(["rag", "search", "absent"], new DateOnly(2025, 3, 10), new DateOnly(2025, 3, 13), None);

        var expected = inRange.GroupBy(r => (r.Team, r.Day, r.App, r.Model, r.TokenId))
            .Select(g => new SpendAggregate(g.Key.Team, g.Key.Day, g.Key.App, g.Key.Model, g.Key.TokenId, g.Count(),
                g.Sum(r => (long)r.InputTokens), g.Sum(r => (long)r.OutputTokens), g.Sum(r => r.CostMicros)))
            .OrderBy(a => a.ToString(), StringComparer.Ordinal).ToList();
        Assert.Equal(expected, rows.OrderBy(a => a.ToString(), StringComparer.Ordinal).ToList());
        Assert.Equal(inRange.Sum(r => r.CostMicros), rows.Sum(r => r.CostMicros));
        Assert.Equal(inRange.Count, rows.Sum(r => r.Requests));
        var oneDay = await store.ReadAggregatesAsync(["rag"], new DateOnly(2025, 3, 9), new DateOnly(2025, 3, 9), None);
        Assert.Equal(77, Assert.Single(oneDay).CostMicros);
        Assert.Empty(await store.ReadAggregatesAsync(["absent"], new DateOnly(2025, 3, 1), new DateOnly(2025, 3, 31), None));
        Assert.Equal(records.Where(r => r.Team == "search").Sum(r => r.CostMicros),
            (await store.ReadAggregatesAsync(["search"], new DateOnly(2025, 3, 1), new DateOnly(2025, 3, 31), None)).Sum(r => r.CostMicros));
    }

    [Fact]
    public async Task ReadLedger_EachSettledRecordOnceWithEveryField_FilteredByTeamAndHalfOpenRange()
    {
        var store = CreateStore();
        var from = Ms("2025-03-12T00:00:00Z");
        var to = Ms("2025-03-13T00:00:00Z");
        var atStart = Record("rag", 11, timeMs: from) with { UpstreamRequestId = null, Status = 0, Stream = true, UsageFromUpstream = false };
        var inside = Record("rag", 12, token: "tok_b", timeMs: to - 1, app: "app \"quoted\", and more", model: "deepseek-v3.2", input: 123_456, output: 7) with
        {
            Endpoint = "completions",
            LatencyMs = 98_765,
            Status = 502,
        };
        var searchInside = Record("search", 13, timeMs: from + 5);
        var atEnd = Record("rag", 14, timeMs: to);
        var before = Record("rag", 15, timeMs: from - 1);
        foreach (var record in new[] { atStart, inside, searchInside, atEnd, before })
        {
            await SettleAsync(store, record, SpendPolicy.None);
        }
        await SettleAsync(store, inside, SpendPolicy.None); // a duplicate is not a second ledger line

        var rag = await store.ReadLedgerAsync(["rag"], from, to, None);
        var both = await store.ReadLedgerAsync(["rag", "search"], from, to, None);
        var all = await store.ReadLedgerAsync(["rag", "search", "absent"], 0, long.MaxValue, None);
        var fromTheStartOfTime = await store.ReadLedgerAsync(["rag"], long.MinValue, to, None);

        if (!KeepsLedger)
        {
            Assert.Empty(all);
            return;
        }
        Assert.Equal([atStart, inside], rag.OrderBy(r => r.TimeMs).ToList());
        Assert.Equal([atStart, searchInside, inside], both.OrderBy(r => r.TimeMs).ToList());
        Assert.Equal(5, all.Count);
        Assert.Equal([before, atStart, inside], fromTheStartOfTime.OrderBy(r => r.TimeMs).ToList());
        Assert.Equal(5, all.Select(r => r.RequestId).Distinct().Count());
    }

    [Fact]
    public async Task ReadLedger_RecordTimedAheadOfTheStoresClock_StillFoundByItsTime()
    {
        // A replica whose clock runs a little ahead of the store's stamps a record later than the store
        // writes it; the ledger is read by the record's time, so the record must still be found.
        var store = CreateStore();
        var timeMs = DateTimeOffset.UtcNow.AddSeconds(30).ToUnixTimeMilliseconds();
        var record = Record("rag", 5, timeMs: timeMs);
        await SettleAsync(store, record, SpendPolicy.None);

        var ledger = await store.ReadLedgerAsync(["rag"], timeMs, timeMs + 1, None);

        Assert.Equal(KeepsLedger ? [record] : [], ledger);
    }

    [Fact]
    public async Task ReadLedger_MoreThanOnePageOfRecords_ReturnsEveryOne()
    {
        var store = CreateStore();
        var records = Enumerable.Range(0, 1_234).Select(i => Record("rag", i + 1, timeMs: StartMs + i)).ToList();
        await Task.WhenAll(records.Select(r => Task.Run(async () => await SettleAsync(store, r, SpendPolicy.None))));

        var ledger = await store.ReadLedgerAsync(["rag"], StartMs, StartMs + 1_234, None);

        Assert.Equal(KeepsLedger ? records.OrderBy(r => r.RequestId, StringComparer.Ordinal).ToList() : [],
            ledger.OrderBy(r => r.RequestId, StringComparer.Ordinal).ToList());
        Assert.Equal(records.Sum(r => r.CostMicros), (await store.GetBudgetAsync("rag", Month, None)).SpentMicros);
    }

    [Fact]
    public async Task KnownTeams_ListsTeamsWithSettledRecordsOnly()
    {
        var store = CreateStore();
        Assert.Empty(await store.KnownTeamsAsync(None));
        await store.ReserveAsync(Request("reserved-only", 10, Caps(teamCap: 100)), None);
        await SettleAsync(store, Record("alpha", 1), SpendPolicy.None);
        await SettleAsync(store, Record("beta", 2), SpendPolicy.None);
        await SettleAsync(store, Record("alpha", 3), SpendPolicy.None);

        var teams = await store.KnownTeamsAsync(None);

        Assert.Equal(["alpha", "beta"], teams.Order(StringComparer.Ordinal).ToList());
    }

    [Fact]
    public async Task GetBudget_UnknownTeam_Empty()
    {
        var store = CreateStore();

        Assert.Equal(default, await store.GetBudgetAsync("nobody", Month, None));
        Assert.False(await store.ResetBreakerAsync("nobody", null, None));
        Assert.False(await store.ResetBreakerAsync("nobody", "tok_a", None));
    }
}

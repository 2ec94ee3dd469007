using AiGateway.Spend;
using AiGateway.Storage.Redis;
using Microsoft.Extensions.Time.Testing;
using static AiGateway.UnitTests.Spend.SpendTestData;

namespace AiGateway.UnitTests.Spend;

/// <summary>
/// The same random sequence of reservations, settlements and breaker resets on the embedded store and on
/// Redis: every answer must be the same (the two implement one set of rules, in C# and in Lua).
/// </summary>
public sealed class SpendStoreDifferentialTests : IClassFixture<RedisServerFixture>, IDisposable
{
    private readonly RedisServerFixture _redis;
    private readonly List<IDisposable> _owned = [];

    public SpendStoreDifferentialTests(RedisServerFixture redis) => _redis = redis;

    public void Dispose() => _owned.ForEach(o => o.Dispose());

    private static CancellationToken None => CancellationToken.None;

    private static readonly Dictionary<string, SpendPolicy> Policies = new()
    {
        ["capped"] = new SpendPolicy(15_000, 3_000, 70, VelocityLimit.None, VelocityLimit.None),
        ["breakers"] = new SpendPolicy(0, 0, 80, new VelocityLimit(12_000, 3600), new VelocityLimit(3_000, 3600)),
        ["both"] = new SpendPolicy(20_000, 8_000, 50, new VelocityLimit(14_000, 3600), new VelocityLimit(7_000, 3600)),
    };

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task RandomOperations_RedisAnswersExactlyAsTheEmbeddedStore(int seed)
    {
        var connection = new RedisConnection(_redis.NewOptions());
        _owned.Add(connection);
        var embedded = new EmbeddedSpendStore(new FakeTimeProvider(Start));
        _owned.Add(embedded);
        ISpendStore[] stores = [embedded, new RedisSpendStore(connection)];
        var random = new Random(seed);
        var teams = Policies.Keys.ToArray();
        string[] tokens = ["tok_1", "tok_2", "tok_3", "tok_4", "tok_5", "tok_6", "tok_7", "tok_8", "tok_9"];
        var open = new List<(string RequestId, SpendRequest Request, SpendReservation Reservation)>();
        var settled = new List<LedgerRecord>();
        var seen = new HashSet<string>(StringComparer.Ordinal);

        for (var step = 0; step < 600; step++)
        {
            var team = teams[random.Next(teams.Length)];
            var policy = Policies[team];
            var token = random.Next(100) < 40 ? "tok_hot" : tokens[random.Next(tokens.Length)]; // one busy token, many quiet ones
            var choice = random.Next(100);
            var where = $"step {step} (seed {seed})";
            if (choice < 50)
            {
                var request = Request(team, random.Next(1, 1_500), policy, token);
                var answers = await AllAsync(stores, s => s.ReserveAsync(request, None).AsTask());
                Assert.True(answers[0] == answers[1], $"{where}: reserve {request.Micros} for {team}/{token}: embedded {answers[0]}, Redis {answers[1]}");
                seen.Add("reserve:" + answers[0].Refusal);
                if (answers[0].Admitted)
                {
                    open.Add((request.RequestId, request, answers[0].Reservation));
                }
            }
            else if (choice < 85 && open.Count > 0)
            {
                var (id, request, reservation) = open[random.Next(open.Count)];
                open.RemoveAll(o => o.RequestId == id);
                var record = Record(request.Team, random.Next(0, (int)request.Micros * 3 / 2), request.TokenId, id,
                    timeMs: StartMs + step * 1000L, model: random.Next(2) == 0 ? "gpt-4.1" : "deepseek-v3.2");
                var answers = await AllAsync(stores, s => s.SettleAsync(new Settlement(record, reservation, Policies[request.Team]), None).AsTask());
                Assert.True(answers[0] == answers[1], $"{where}: settle {record.CostMicros}: embedded {answers[0]}, Redis {answers[1]}");
                seen.Add("settle:" + answers[0].Tripped);
                seen.Add(answers[0].TeamAlert ? "team-alert" : "");
                seen.Add(answers[0].TokenAlert ? "token-alert" : "");
                settled.Add(record);
            }
            else if (choice < 90 && settled.Count > 0)
            {
                var duplicate = settled[random.Next(settled.Count)];
                var answers = await AllAsync(stores, s => s.SettleAsync(new Settlement(duplicate, null, Policies[duplicate.Team]), None).AsTask());
                Assert.True(answers[0] == answers[1] && !answers[0].Recorded, $"{where}: duplicate: embedded {answers[0]}, Redis {answers[1]}");
            }
            else if (choice < 95)
            {
                var resetToken = random.Next(2) == 0 ? null : token;
                var answers = await AllAsync(stores, s => s.ResetBreakerAsync(team, resetToken, None).AsTask());
                Assert.True(answers[0] == answers[1], $"{where}: reset {team}/{resetToken}: embedded {answers[0]}, Redis {answers[1]}");
                seen.Add("reset:" + answers[0]);
            }
            else
            {
                var answers = await AllAsync(stores, s => s.GetBudgetAsync(team, Month, None).AsTask());
                Assert.True(answers[0] == answers[1], $"{where}: budget of {team}: embedded {answers[0]}, Redis {answers[1]}");
            }
        }

        // The sequence went through every rule, so agreement means something.
        Assert.Equal("", string.Join(" ", new[]
        {
            "reserve:None", "reserve:TeamBudget", "reserve:TokenBudget", "reserve:TeamVelocity", "reserve:TokenVelocity",
            "reserve:TeamSuspended", "reserve:TokenSuspended", "settle:None", "team-alert", "token-alert", "reset:True", "reset:False",
        }.Where(k => !seen.Contains(k))));

        var days = (First: new DateOnly(2025, 3, 1), Last: new DateOnly(2025, 3, 31));
        var aggregates = await AllAsync(stores, async s => (await s.ReadAggregatesAsync(teams, days.First, days.Last, None)).OrderBy(a => a.ToString(), StringComparer.Ordinal).ToList());
        Assert.Equal(aggregates[0], aggregates[1]);
        Assert.Equal(settled.Sum(r => r.CostMicros), aggregates[1].Sum(a => a.CostMicros));
        var known = await AllAsync(stores, async s => (await s.KnownTeamsAsync(None)).Order(StringComparer.Ordinal).ToList());
        Assert.Equal(known[0], known[1]);
    }

    private static async Task<T[]> AllAsync<T>(ISpendStore[] stores, Func<ISpendStore, Task<T>> call)
    {
        var answers = new T[stores.Length];
        for (var i = 0; i < stores.Length; i++)
        {
            answers[i] = await call(stores[i]);
        }
        return answers;
    }
}

using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using AiGateway.Storage.Redis;
using StackExchange.Redis;

namespace AiGateway.Spend;

/// <summary>
/// Spend shared by every replica: one EVALSHA for admission (Scripts/reserve.lua) and one for settlement
/// (Scripts/settle.lua), both touching only the team's hash-tagged keys (one Redis Cluster slot). The
/// ledger is a Redis Stream per team, never trimmed by the gateway; aggregates are one hash per team and day.
/// </summary>
internal sealed class RedisSpendStore : ISpendStore
{
    /// <summary>Separates app, model and token in aggregate field names; none of them can contain it.</summary>
    internal const char FieldSeparator = '\u001f';

    /// <summary>How far a replica's clock may run ahead of Redis's without its ledger records being missed by a read.</summary>
    internal const long ClockSkewMilliseconds = 5 * 60 * 1000;

    private readonly RedisConnection _redis;
    private readonly ConcurrentDictionary<string, bool> _announcedTeams = new(StringComparer.Ordinal);

    public RedisSpendStore(RedisConnection redis) => _redis = redis;

    private RedisKeys Keys => _redis.Keys;

    public async ValueTask<SpendAdmission> ReserveAsync(SpendRequest request, CancellationToken cancellationToken)
    {
        var policy = request.Policy;
        RedisValue[] args =
        [
            request.TokenId, request.RequestId, request.Micros, policy.TeamMonthlyCapMicros, policy.TokenMonthlyCapMicros,
            policy.TeamBreaker.MaxMicros, policy.TeamBreaker.WindowSeconds, policy.TokenBreaker.MaxMicros, policy.TokenBreaker.WindowSeconds,
            SpendStoreDefaults.HoldMilliseconds,
        ];
        var reply = (RedisResult[])(await _redis.Database.ScriptEvaluateAsync(SpendScripts.Reserve, BaseKeys(request.Team, request.TokenId, request.Month), args).ConfigureAwait(false))!;
        var refusal = (SpendRefusal)(int)reply[0];
        return refusal == SpendRefusal.None
            ? new SpendAdmission(SpendRefusal.None, 0, 0, false, new SpendReservation(request.Team, request.TokenId, request.Micros, Local: false))
            : new SpendAdmission(refusal, (long)reply[1], (long)reply[2], (int)reply[3] == 1, default);
    }

    public async ValueTask<SettleResult> SettleAsync(Settlement settlement, CancellationToken cancellationToken)
    {
        var record = settlement.Record;
        var policy = settlement.Policy;
        var baseKeys = BaseKeys(record.Team, record.TokenId, record.Month);
        RedisKey[] keys =
        [
            .. baseKeys,
            Keys.LedgerSeen(record.Team, record.RequestId), Keys.Ledger(record.Team),
            Keys.SpendDay(record.Team, record.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        ];
        RedisValue[] args =
        [
            record.TokenId, record.RequestId, record.CostMicros, record.InputTokens, record.OutputTokens,
            AggregateField(record.App, record.Model, record.TokenId),
            policy.TeamMonthlyCapMicros, policy.TokenMonthlyCapMicros, policy.AlertPercent,
            policy.TeamBreaker.MaxMicros, policy.TeamBreaker.WindowSeconds, policy.TokenBreaker.MaxMicros, policy.TokenBreaker.WindowSeconds,
            SpendStoreDefaults.SeenSeconds, JsonSerializer.SerializeToUtf8Bytes(record, LedgerJsonContext.Default.LedgerRecord),
        ];
        var reply = (RedisResult[])(await _redis.Database.ScriptEvaluateAsync(SpendScripts.Settle, keys, args).ConfigureAwait(false))!;
        if (!_announcedTeams.ContainsKey(record.Team))
        {
            // Marked only once Redis has it: a failed SADD is retried by the team's next settlement.
            await _redis.Database.SetAddAsync(Keys.SpendTeams, record.Team).ConfigureAwait(false);
            _announcedTeams.TryAdd(record.Team, true);
        }
        return new SettleResult((int)reply[0] == 1, (long)reply[1], (long)reply[2], (int)reply[3] == 1, (int)reply[4] == 1, (SpendRefusal)(int)reply[5]);
    }

    public async ValueTask<IReadOnlyList<SpendAggregate>> ReadAggregatesAsync(IReadOnlyCollection<string> teams, DateOnly firstDay, DateOnly lastDay, CancellationToken cancellationToken)
    {
        var reads = new List<(string Team, DateOnly Day, Task<HashEntry[]> Entries)>();
        foreach (var team in teams)
        {
            for (var day = firstDay; day <= lastDay; day = day.AddDays(1))
            {
                reads.Add((team, day, _redis.Database.HashGetAllAsync(Keys.SpendDay(team, day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))));
            }
        }
        var rows = new List<SpendAggregate>();
        foreach (var (team, day, entries) in reads)
        {
            var cells = new Dictionary<string, long[]>(StringComparer.Ordinal);
            foreach (var entry in await entries.ConfigureAwait(false))
            {
                var name = (string)entry.Name!;
                var slot = name[0] switch { 'c' => 0, 'i' => 1, 'o' => 2, 'n' => 3, _ => -1 };
                if (slot < 0)
                {
                    continue;
                }
                var key = name[1..];
                if (!cells.TryGetValue(key, out var cell))
                {
                    cells[key] = cell = new long[4];
                }
                cell[slot] = (long)entry.Value;
            }
            foreach (var (key, cell) in cells)
            {
                var parts = key.Split(FieldSeparator);
                rows.Add(new SpendAggregate(team, day, parts[1], parts[2], parts[3], cell[3], cell[1], cell[2], cell[0]));
            }
        }
        return rows;
    }

    public async ValueTask<IReadOnlyList<LedgerRecord>> ReadLedgerAsync(IReadOnlyCollection<string> teams, long fromMs, long toMs, CancellationToken cancellationToken)
    {
        var records = new List<LedgerRecord>();
        foreach (var team in teams)
        {
            // Entries are added after their request arrived, so none with TimeMs >= fromMs has an id much before
            // fromMs: ids are Redis's clock and TimeMs a replica's, so the scan starts ClockSkewMilliseconds early.
            // A replayed spool adds old records late, so the end of the range is the end of the stream.
            RedisValue start = (fromMs > ClockSkewMilliseconds ? fromMs - ClockSkewMilliseconds : 0).ToString(CultureInfo.InvariantCulture) + "-0";
            while (true)
            {
                var entries = await _redis.Database.StreamRangeAsync(Keys.Ledger(team), start, "+", count: 1000).ConfigureAwait(false);
                foreach (var entry in entries)
                {
                    var json = entry["r"];
                    if (!json.IsNull && JsonSerializer.Deserialize((byte[])json!, LedgerJsonContext.Default.LedgerRecord) is { } record
                        && record.TimeMs >= fromMs && record.TimeMs < toMs)
                    {
                        records.Add(record);
                    }
                }
                if (entries.Length < 1000)
                {
                    break;
                }
                start = "(" + (string)entries[^1].Id!;
            }
        }
        return records;
    }

    public async ValueTask<BudgetState> GetBudgetAsync(string team, string month, CancellationToken cancellationToken)
    {
        var spent = _redis.Database.HashGetAsync(Keys.SpendMonth(team, month), "team");
        var held = _redis.Database.HashGetAsync(Keys.SpendReserved(team), "team");
        var tripped = _redis.Database.HashExistsAsync(Keys.Breakers(team), "team");
        return new BudgetState((long?)await spent.ConfigureAwait(false) ?? 0, (long?)await held.ConfigureAwait(false) ?? 0, await tripped.ConfigureAwait(false));
    }

    public async ValueTask<IReadOnlyCollection<string>> KnownTeamsAsync(CancellationToken cancellationToken)
    {
        var members = await _redis.Database.SetMembersAsync(Keys.SpendTeams).ConfigureAwait(false);
        return members.Select(m => (string)m!).ToList();
    }

    public async ValueTask<bool> ResetBreakerAsync(string team, string? tokenId, CancellationToken cancellationToken) =>
        await _redis.Database.HashDeleteAsync(Keys.Breakers(team), tokenId is null ? "team" : "tok:" + tokenId).ConfigureAwait(false);

    internal static string AggregateField(string app, string model, string tokenId) =>
        string.Concat(Separator, Clean(app), Separator, Clean(model), Separator + tokenId);

    private static readonly string Separator = FieldSeparator.ToString();

    // Model names come from request bodies: a separator inside one must not shift the fields.
    private static string Clean(string value) => value.Contains(FieldSeparator, StringComparison.Ordinal) ? value.Replace(FieldSeparator, '?') : value;

    // Cached per team and token (rebuilt when the month turns), so admission builds no key strings.
    private RedisKey[] BaseKeys(string team, string tokenId, string month)
    {
        if (_keys.TryGetValue((team, tokenId), out var cached) && cached.Month == month)
        {
            return cached.Keys;
        }
        RedisKey[] keys =
        [
            Keys.SpendMonth(team, month), Keys.SpendReserved(team), Keys.SpendHolds(team), Keys.SpendHoldAmounts(team),
            Keys.SpendVelocity(team, null), Keys.SpendVelocity(team, tokenId), Keys.Breakers(team),
        ];
        _keys[(team, tokenId)] = (month, keys);
        return keys;
    }

    private readonly ConcurrentDictionary<(string Team, string Token), (string Month, RedisKey[] Keys)> _keys = new();
}

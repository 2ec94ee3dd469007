using System.Collections.Concurrent;
using AiGateway.Storage;

namespace AiGateway.Spend;

/// <summary>
/// Spend for a single instance (the embedded default) and the local fallback of the Redis store: the same
/// rules in memory under one lock per team. With a data folder, every settled record is appended to
/// <c>ledger.jsonl</c> and open breakers to <c>breakers.json</c>; on start both are read back, so month
/// spend, aggregates, recent velocity and breakers survive a restart.
/// </summary>
internal sealed class EmbeddedSpendStore : ISpendStore, IDisposable
{
    private readonly TimeProvider _time;
    private readonly bool _local;
    private readonly LedgerFile? _ledger;
    private readonly JsonRecordFile<string>? _breakerFile;
    private readonly ConcurrentDictionary<string, TeamSpend> _teams = new(StringComparer.Ordinal);
    private readonly Lock _breakerLock = new();

    /// <summary>Persistent store in <paramref name="data"/>; without it, memory only (the Redis store's local fallback).</summary>
    public EmbeddedSpendStore(TimeProvider time, DataDirectory? data = null, bool local = false)
    {
        _time = time;
        _local = local;
        if (data is null)
        {
            return;
        }
        var path = data.GetFilePath("ledger.jsonl");
        var records = LedgerFile.ReadAll(path, out var skipped);
        SkippedOnLoad = skipped;
        var nowSeconds = time.GetUtcNow().ToUnixTimeSeconds();
        foreach (var record in records)
        {
            var team = Team(record.Team);
            if (team.Seen.Add(record.RequestId))
            {
                team.Apply(record, nowSeconds, replay: true);
            }
        }
        _ledger = new LedgerFile(path);
        _breakerFile = new JsonRecordFile<string>(data.GetFilePath("breakers.json"), SpendJsonContext.Default.ListString);
        foreach (var entry in _breakerFile.Load())
        {
            var separator = entry.IndexOf('/', StringComparison.Ordinal);
            var team = Team(separator < 0 ? entry : entry[..separator]);
            if (separator < 0)
            {
                team.TeamTripped = true;
            }
            else
            {
                team.TrippedTokens.Add(entry[(separator + 1)..]);
            }
        }
    }

    /// <summary>Ledger lines that could not be read at start (a torn last line after a crash).</summary>
    public int SkippedOnLoad { get; }

    public ValueTask<SpendAdmission> ReserveAsync(SpendRequest request, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var nowSeconds = now.ToUnixTimeSeconds();
        var team = Team(request.Team);
        var policy = request.Policy;
        SpendAdmission result;
        var persist = false;
        lock (team)
        {
            team.ExpireHolds(now.ToUnixTimeMilliseconds());
            var tokenReserved = team.TokenReserved.GetValueOrDefault(request.TokenId);
            var teamSpent = team.MonthSpent.GetValueOrDefault(request.Month);
            var tokenSpent = team.TokenMonthSpent.GetValueOrDefault((request.Month, request.TokenId));
            var micros = request.Micros;
            if (team.TeamTripped)
            {
                result = Refuse(SpendRefusal.TeamSuspended, 0, 0, false);
            }
            else if (team.TrippedTokens.Contains(request.TokenId))
            {
                result = Refuse(SpendRefusal.TokenSuspended, 0, 0, false);
            }
            else if (policy.TeamMonthlyCapMicros > 0 && teamSpent + team.Reserved + micros > policy.TeamMonthlyCapMicros)
            {
                result = Refuse(SpendRefusal.TeamBudget, teamSpent + team.Reserved, policy.TeamMonthlyCapMicros, false);
            }
            else if (policy.TokenMonthlyCapMicros > 0 && tokenSpent + tokenReserved + micros > policy.TokenMonthlyCapMicros)
            {
                result = Refuse(SpendRefusal.TokenBudget, tokenSpent + tokenReserved, policy.TokenMonthlyCapMicros, false);
            }
            else if (!policy.TeamBreaker.IsNone && team.Velocity.Sum(nowSeconds, policy.TeamBreaker.WindowSeconds) + team.Reserved + micros > policy.TeamBreaker.MaxMicros)
            {
                team.TeamTripped = persist = true;
                result = Refuse(SpendRefusal.TeamVelocity, team.Velocity.Sum(nowSeconds, policy.TeamBreaker.WindowSeconds) + team.Reserved, policy.TeamBreaker.MaxMicros, true);
            }
            else if (!policy.TokenBreaker.IsNone && team.TokenVelocity(request.TokenId).Sum(nowSeconds, policy.TokenBreaker.WindowSeconds) + tokenReserved + micros > policy.TokenBreaker.MaxMicros)
            {
                team.TrippedTokens.Add(request.TokenId);
                persist = true;
                result = Refuse(SpendRefusal.TokenVelocity, team.TokenVelocity(request.TokenId).Sum(nowSeconds, policy.TokenBreaker.WindowSeconds) + tokenReserved, policy.TokenBreaker.MaxMicros, true);
            }
            else
            {
                team.Hold(request.RequestId, request.TokenId, micros, now.ToUnixTimeMilliseconds() + SpendStoreDefaults.HoldMilliseconds);
                result = new SpendAdmission(SpendRefusal.None, 0, 0, false, new SpendReservation(request.Team, request.TokenId, micros, _local));
            }
        }
        if (persist)
        {
            SaveBreakers();
        }
        return new(result);
    }

    private static SpendAdmission Refuse(SpendRefusal refusal, long spent, long limit, bool tripped) => new(refusal, spent, limit, tripped, default);

    public ValueTask<SettleResult> SettleAsync(Settlement settlement, CancellationToken cancellationToken)
    {
        var record = settlement.Record;
        var policy = settlement.Policy;
        var team = Team(record.Team);
        var nowSeconds = _time.GetUtcNow().ToUnixTimeSeconds();
        SettleResult result;
        var persist = false;
        lock (team)
        {
            team.Release(record.RequestId);
            if (!team.Seen.Add(record.RequestId))
            {
                return new(new SettleResult(false, 0, 0, false, false, SpendRefusal.None));
            }
            var month = record.Month;
            var teamBefore = team.MonthSpent.GetValueOrDefault(month);
            var tokenBefore = team.TokenMonthSpent.GetValueOrDefault((month, record.TokenId));
            // Written before memory changes: a record is in the ledger file before it counts anywhere.
            _ledger?.Append(record);
            team.Apply(record, nowSeconds, replay: false);
            var teamAfter = teamBefore + record.CostMicros;
            var tokenAfter = tokenBefore + record.CostMicros;
            var tripped = SpendRefusal.None;
            if (!policy.TeamBreaker.IsNone && !team.TeamTripped && team.Velocity.Sum(nowSeconds, policy.TeamBreaker.WindowSeconds) > policy.TeamBreaker.MaxMicros)
            {
                team.TeamTripped = persist = true;
                tripped = SpendRefusal.TeamVelocity;
            }
            else if (!policy.TokenBreaker.IsNone && !team.TrippedTokens.Contains(record.TokenId)
                && team.TokenVelocity(record.TokenId).Sum(nowSeconds, policy.TokenBreaker.WindowSeconds) > policy.TokenBreaker.MaxMicros)
            {
                team.TrippedTokens.Add(record.TokenId);
                persist = true;
                tripped = SpendRefusal.TokenVelocity;
            }
            result = new SettleResult(true, teamAfter, tokenAfter,
                SpendAlerts.Crossed(teamBefore, teamAfter, policy.TeamMonthlyCapMicros, policy.AlertPercent),
                SpendAlerts.Crossed(tokenBefore, tokenAfter, policy.TokenMonthlyCapMicros, policy.AlertPercent),
                tripped);
        }
        if (persist)
        {
            SaveBreakers();
        }
        return new(result);
    }

    /// <summary>Releases a hold without recording anything (the local fallback's part of a settlement sent to Redis).</summary>
    public void Release(string team, string requestId)
    {
        if (_teams.TryGetValue(team, out var state))
        {
            lock (state)
            {
                state.Release(requestId);
            }
        }
    }

    public ValueTask<IReadOnlyList<SpendAggregate>> ReadAggregatesAsync(IReadOnlyCollection<string> teams, DateOnly firstDay, DateOnly lastDay, CancellationToken cancellationToken)
    {
        var rows = new List<SpendAggregate>();
        foreach (var name in teams)
        {
            if (!_teams.TryGetValue(name, out var team))
            {
                continue;
            }
            lock (team)
            {
                foreach (var (key, cell) in team.Aggregates)
                {
                    if (key.Day >= firstDay && key.Day <= lastDay)
                    {
                        rows.Add(new SpendAggregate(name, key.Day, key.App, key.Model, key.TokenId, cell.Requests, cell.InputTokens, cell.OutputTokens, cell.CostMicros));
                    }
                }
            }
        }
        return new(rows);
    }

    public ValueTask<IReadOnlyList<LedgerRecord>> ReadLedgerAsync(IReadOnlyCollection<string> teams, long fromMs, long toMs, CancellationToken cancellationToken)
    {
        IReadOnlyList<LedgerRecord> records = _ledger is null
            ? []
            : LedgerFile.ReadAll(_ledger.FilePath, out _).Where(r => r.TimeMs >= fromMs && r.TimeMs < toMs && teams.Contains(r.Team)).ToList();
        return new(records);
    }

    public ValueTask<BudgetState> GetBudgetAsync(string team, string month, CancellationToken cancellationToken)
    {
        if (!_teams.TryGetValue(team, out var state))
        {
            return new(default(BudgetState));
        }
        lock (state)
        {
            state.ExpireHolds(_time.GetUtcNow().ToUnixTimeMilliseconds());
            return new(new BudgetState(state.MonthSpent.GetValueOrDefault(month), state.Reserved, state.TeamTripped));
        }
    }

    public ValueTask<IReadOnlyCollection<string>> KnownTeamsAsync(CancellationToken cancellationToken) =>
        new(_teams.Where(t => t.Value.Seen.Count > 0).Select(t => t.Key).ToList());

    public ValueTask<bool> ResetBreakerAsync(string team, string? tokenId, CancellationToken cancellationToken)
    {
        if (!_teams.TryGetValue(team, out var state))
        {
            return new(false);
        }
        bool changed;
        lock (state)
        {
            if (tokenId is null)
            {
                changed = state.TeamTripped;
                state.TeamTripped = false;
            }
            else
            {
                changed = state.TrippedTokens.Remove(tokenId);
            }
        }
        if (changed)
        {
            SaveBreakers();
        }
        return new(changed);
    }

    private TeamSpend Team(string team) => _teams.GetOrAdd(team, static _ => new TeamSpend());

    private void SaveBreakers()
    {
        if (_breakerFile is null)
        {
            return;
        }
        lock (_breakerLock)
        {
            var open = new List<string>();
            foreach (var (name, team) in _teams)
            {
                lock (team)
                {
                    if (team.TeamTripped)
                    {
                        open.Add(name);
                    }
                    open.AddRange(team.TrippedTokens.Select(t => name + "/" + t));
                }
            }
            // Breaker changes are rare (a trip or an admin reinstating); a synchronous atomic write keeps them simple.
            _breakerFile.Save(open);
        }
    }

    public void Dispose() => _ledger?.Dispose();

    private sealed class TeamSpend
    {
        public HashSet<string> Seen { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, long> MonthSpent { get; } = new(StringComparer.Ordinal);
        public Dictionary<(string Month, string TokenId), long> TokenMonthSpent { get; } = [];
        public Dictionary<(DateOnly Day, string App, string Model, string TokenId), AggregateCell> Aggregates { get; } = [];
        public VelocityWindow Velocity { get; } = new();
        public Dictionary<string, VelocityWindow> TokenVelocities { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, (string TokenId, long Micros, long ExpiresMs)> Holds { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, long> TokenReserved { get; } = new(StringComparer.Ordinal);
        public long Reserved { get; private set; }
        public bool TeamTripped { get; set; }
        public HashSet<string> TrippedTokens { get; } = new(StringComparer.Ordinal);

        public VelocityWindow TokenVelocity(string tokenId)
        {
            if (!TokenVelocities.TryGetValue(tokenId, out var window))
            {
                window = new VelocityWindow();
                TokenVelocities[tokenId] = window;
            }
            return window;
        }

        public void Hold(string requestId, string tokenId, long micros, long expiresMs)
        {
            Holds[requestId] = (tokenId, micros, expiresMs);
            Reserved += micros;
            TokenReserved[tokenId] = TokenReserved.GetValueOrDefault(tokenId) + micros;
        }

        public void Release(string requestId)
        {
            if (Holds.Remove(requestId, out var hold))
            {
                Reserved -= hold.Micros;
                TokenReserved[hold.TokenId] -= hold.Micros;
            }
        }

        // A hold whose request never settled (a crashed handler) must not block the budget forever.
        public void ExpireHolds(long nowMs)
        {
            if (Holds.Count == 0)
            {
                return;
            }
            List<string>? expired = null;
            foreach (var (id, hold) in Holds)
            {
                if (hold.ExpiresMs <= nowMs)
                {
                    (expired ??= []).Add(id);
                }
            }
            foreach (var id in expired ?? [])
            {
                Release(id);
            }
        }

        public void Apply(LedgerRecord record, long nowSeconds, bool replay)
        {
            MonthSpent[record.Month] = MonthSpent.GetValueOrDefault(record.Month) + record.CostMicros;
            TokenMonthSpent[(record.Month, record.TokenId)] = TokenMonthSpent.GetValueOrDefault((record.Month, record.TokenId)) + record.CostMicros;
            var key = (record.Day, record.App, record.Model, record.TokenId);
            var cell = Aggregates.GetValueOrDefault(key) ?? new AggregateCell();
            cell.Requests++;
            cell.InputTokens += record.InputTokens;
            cell.OutputTokens += record.OutputTokens;
            cell.CostMicros += record.CostMicros;
            Aggregates[key] = cell;
            // Velocity counts when the spend was settled; on replay, records of the last day rebuild it by their time.
            var at = replay ? record.TimeMs / 1000 : nowSeconds;
            if (!replay || nowSeconds - at <= SpendPolicyCompiler.MaxWindowSeconds)
            {
                Velocity.Add(at, record.CostMicros);
                TokenVelocity(record.TokenId).Add(at, record.CostMicros);
            }
        }
    }

    private sealed class AggregateCell
    {
        public long Requests;
        public long InputTokens;
        public long OutputTokens;
        public long CostMicros;
    }
}

namespace AiGateway.Spend;

/// <summary>
/// Budgets, spend-velocity breakers and the spend ledger of every team. Admission holds a request's
/// worst-case cost against the caps and breakers in one atomic step (so concurrent requests cannot
/// overrun a cap by more than one request's cost); settlement releases the hold, records the real cost
/// once per request id, and updates the aggregates finance reads.
/// </summary>
public interface ISpendStore
{
    ValueTask<SpendAdmission> ReserveAsync(SpendRequest request, CancellationToken cancellationToken);

    /// <summary>Idempotent by <see cref="LedgerRecord.RequestId"/>: a record settled twice counts once.</summary>
    ValueTask<SettleResult> SettleAsync(Settlement settlement, CancellationToken cancellationToken);

    /// <summary>Aggregates per team, day, app, model and token for the UTC days <paramref name="firstDay"/>..<paramref name="lastDay"/> (inclusive).</summary>
    ValueTask<IReadOnlyList<SpendAggregate>> ReadAggregatesAsync(IReadOnlyCollection<string> teams, DateOnly firstDay, DateOnly lastDay, CancellationToken cancellationToken);

    /// <summary>Ledger records of the given teams whose time lies in [<paramref name="fromMs"/>, <paramref name="toMs"/>).</summary>
    ValueTask<IReadOnlyList<LedgerRecord>> ReadLedgerAsync(IReadOnlyCollection<string> teams, long fromMs, long toMs, CancellationToken cancellationToken);

    /// <summary>Settled and reserved spend of a team in a month ("yyyy-MM"), and whether its breaker is open.</summary>
    ValueTask<BudgetState> GetBudgetAsync(string team, string month, CancellationToken cancellationToken);

    /// <summary>Teams that have ledger records (teams removed from the policies included).</summary>
    ValueTask<IReadOnlyCollection<string>> KnownTeamsAsync(CancellationToken cancellationToken);

    /// <summary>Closes a tripped breaker. <paramref name="tokenId"/> null: the team's. Returns false when it was not open.</summary>
    ValueTask<bool> ResetBreakerAsync(string team, string? tokenId, CancellationToken cancellationToken);
}

/// <summary>One request asking to hold <paramref name="Micros"/> against its team's and token's rules.</summary>
public readonly record struct SpendRequest(string Team, string TokenId, string RequestId, long Micros, SpendPolicy Policy, string Month);

/// <summary>Why spend admission refused, or what a settlement tripped.</summary>
public enum SpendRefusal
{
    None = 0,
    TeamSuspended = 1,
    TokenSuspended = 2,
    TeamBudget = 3,
    TokenBudget = 4,
    TeamVelocity = 5,
    TokenVelocity = 6,
}

/// <summary>
/// The outcome of spend admission. On a velocity refusal the breaker has just tripped (<see cref="Tripped"/>).
/// <see cref="SpentMicros"/>/<see cref="LimitMicros"/> describe the rule that refused (settled plus held).
/// </summary>
public readonly record struct SpendAdmission(SpendRefusal Refusal, long SpentMicros, long LimitMicros, bool Tripped, SpendReservation Reservation, bool StoreUnavailable = false)
{
    public bool Admitted => Refusal == SpendRefusal.None && !StoreUnavailable;

    public static SpendAdmission Unavailable { get; } = new(SpendRefusal.None, 0, 0, false, default, StoreUnavailable: true);
}

/// <summary>A finished request to record, and the hold to release.</summary>
public readonly record struct Settlement(LedgerRecord Record, SpendReservation? Reservation, SpendPolicy Policy);

/// <summary>
/// The outcome of a settlement: whether it was recorded (false: a duplicate request id), the month's spend
/// afterwards, whether this request crossed a soft alert threshold, and a breaker it tripped (if any).
/// </summary>
public readonly record struct SettleResult(bool Recorded, long TeamMonthMicros, long TokenMonthMicros, bool TeamAlert, bool TokenAlert, SpendRefusal Tripped);

/// <summary>Counts and cost of one (team, day, app, model, token) cell.</summary>
public sealed record SpendAggregate(string Team, DateOnly Day, string App, string Model, string TokenId, long Requests, long InputTokens, long OutputTokens, long CostMicros);

/// <summary>A team's month: settled spend, spend held by requests in flight, and breaker state.</summary>
public readonly record struct BudgetState(long SpentMicros, long ReservedMicros, bool Suspended);

namespace AiGateway.Spend;

/// <summary>
/// Micro-dollars held for an admitted request until it is settled: counted against the team's (and the
/// token's) monthly budget and spend-velocity windows so concurrent requests cannot overrun them.
/// </summary>
/// <param name="Team">The team charged.</param>
/// <param name="TokenId">The caller token charged.</param>
/// <param name="Micros">The amount held (worst case: prompt estimate plus the admitted output cap).</param>
/// <param name="Local">True when the local fallback store made it (Redis unreachable).</param>
public readonly record struct SpendReservation(string Team, string TokenId, long Micros, bool Local);

namespace AiGateway.Spend;

/// <summary>A team's spend rules, compiled from its policy file: all amounts in micro-dollars, 0 = none.</summary>
/// <param name="TeamMonthlyCapMicros">Hard cap on the team's spend per calendar month (UTC).</param>
/// <param name="TokenMonthlyCapMicros">Hard cap on each token's spend per calendar month.</param>
/// <param name="AlertPercent">Soft alert threshold, percent of a cap.</param>
/// <param name="TeamBreaker">Team spend-velocity breaker.</param>
/// <param name="TokenBreaker">Per-token spend-velocity breaker.</param>
public sealed record SpendPolicy(long TeamMonthlyCapMicros, long TokenMonthlyCapMicros, int AlertPercent, VelocityLimit TeamBreaker, VelocityLimit TokenBreaker)
{
    public const int DefaultAlertPercent = 80;

    public static SpendPolicy None { get; } = new(0, 0, DefaultAlertPercent, VelocityLimit.None, VelocityLimit.None);

    /// <summary>True when nothing needs checking before a request is forwarded (it is still metered).</summary>
    public bool NothingToEnforce => TeamMonthlyCapMicros <= 0 && TokenMonthlyCapMicros <= 0 && TeamBreaker.IsNone && TokenBreaker.IsNone;
}

/// <summary>At most <see cref="MaxMicros"/> spent per <see cref="WindowSeconds"/>; crossing it suspends.</summary>
public readonly record struct VelocityLimit(long MaxMicros, int WindowSeconds)
{
    public static VelocityLimit None => default;

    public bool IsNone => MaxMicros <= 0 || WindowSeconds <= 0;
}

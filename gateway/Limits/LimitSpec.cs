namespace AiGateway.Limits;

/// <summary>Tokens and requests per minute; 0 means no limit on that dimension.</summary>
public readonly record struct LimitSpec(long TokensPerMinute, long RequestsPerMinute)
{
    public static readonly LimitSpec Unlimited = new(0, 0);

    public bool IsUnlimited => TokensPerMinute <= 0 && RequestsPerMinute <= 0;

    /// <summary>Each replica's share when limits must be enforced locally (Redis unreachable, fail-open).</summary>
    public LimitSpec Share(int replicas) => replicas <= 1 ? this : new(
        TokensPerMinute <= 0 ? 0 : Math.Max(1, TokensPerMinute / replicas),
        RequestsPerMinute <= 0 ? 0 : Math.Max(1, RequestsPerMinute / replicas));
}

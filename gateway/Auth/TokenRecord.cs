namespace AiGateway.Auth;

/// <summary>
/// What the gateway knows about a caller token. Holds the keyed hash of the secret, never the secret;
/// every field is safe to log and to show to admins.
/// </summary>
public sealed record TokenRecord
{
    public required string Id { get; init; }
    public required TokenHash Hash { get; init; }
    public required string Team { get; init; }
    public required string App { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? ExpiresAt { get; init; }
    public TokenStatus Status { get; init; } = TokenStatus.Active;
    public DateTimeOffset? StatusChangedAt { get; init; }
    public string? StatusReason { get; init; }
    /// <summary>The admin principal that issued it.</summary>
    public string? CreatedBy { get; init; }

    public bool IsExpired(DateTimeOffset now) => ExpiresAt is { } expires && expires <= now;
}

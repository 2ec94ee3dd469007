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
    /// <summary>
    /// Endpoint names (chat, completions, embeddings, models) this token may call, narrower than its team's;
    /// null means every endpoint the team may use. Least privilege for single-purpose apps.
    /// </summary>
    public IReadOnlyList<string>? Scopes { get; init; }

    /// <summary>The admin principal that issued it.</summary>
    public string? CreatedBy { get; init; }

    public bool IsExpired(DateTimeOffset now) => ExpiresAt is { } expires && expires <= now;

    /// <summary>True when the token's own scopes (if any) include <paramref name="endpointName"/>.</summary>
    public bool AllowsScope(string endpointName)
    {
        if (Scopes is null)
        {
            return true;
        }
        foreach (var scope in Scopes)
        {
            if (string.Equals(scope, endpointName, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }
}

using AiGateway.Auth;

namespace AiGateway.Admin;

/// <summary>An admin API credential: who it is, its role, and the keyed hash of its secret.</summary>
public sealed record AdminCredentialRecord
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required AdminRole Role { get; init; }
    /// <summary>The team a <see cref="AdminRole.TeamAdmin"/> manages.</summary>
    public string? Team { get; init; }
    public required TokenHash Hash { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public string? CreatedBy { get; init; }
    public DateTimeOffset? RevokedAt { get; init; }
}

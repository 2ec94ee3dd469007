namespace AiGateway.VaultDouble;

/// <summary>What an auth method asks the token store to issue.</summary>
internal sealed record TokenSpec
{
    public required IEnumerable<string> Policies { get; init; }

    public required TimeSpan Ttl { get; init; }

    /// <summary>Max TTL from creation; null means the system max (768h).</summary>
    public TimeSpan? MaxTtl { get; init; }

    /// <summary>Whether <see cref="MaxTtl"/> is the token's explicit max TTL (token store) rather than a role's.</summary>
    public bool MaxTtlIsExplicit { get; init; }

    public bool Renewable { get; init; } = true;

    public required string Path { get; init; }

    public required string DisplayName { get; init; }

    public IReadOnlyDictionary<string, string>? Meta { get; init; }

    public string EntityId { get; init; } = "";

    public bool Orphan { get; init; }
}

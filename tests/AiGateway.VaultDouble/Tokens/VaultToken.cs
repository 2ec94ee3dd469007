namespace AiGateway.VaultDouble;

/// <summary>
/// One service token. Immutable: a renewal replaces the stored instance, so a handler can render a token it
/// looked up without holding the store's lock.
/// </summary>
internal sealed record VaultToken
{
    public required string Id { get; init; }

    public required string Accessor { get; init; }

    /// <summary>Sorted, de-duplicated, with <c>default</c> (or just <c>root</c>).</summary>
    public required IReadOnlyList<string> Policies { get; init; }

    /// <summary>The path that created it, e.g. <c>auth/approle/login</c>.</summary>
    public required string Path { get; init; }

    public required string DisplayName { get; init; }

    /// <summary>Token metadata (<c>meta</c> in lookups, <c>auth.metadata</c> in logins); null when none.</summary>
    public IReadOnlyDictionary<string, string>? Meta { get; init; }

    /// <summary>The identity entity; <c>""</c> for tokens made by the token store.</summary>
    public string EntityId { get; init; } = "";

    public bool Orphan { get; init; }

    public bool Renewable { get; init; }

    public required DateTimeOffset CreationTime { get; init; }

    /// <summary>The TTL it was created with; zero for root. A renewal without an increment asks for this again.</summary>
    public TimeSpan CreationTtl { get; init; }

    /// <summary>The explicit max TTL set at creation (shown as <c>explicit_max_ttl</c>); zero when none.</summary>
    public TimeSpan ExplicitMaxTtl { get; init; }

    /// <summary>The max TTL counted from creation that renewals cannot pass (role max or system max); zero for root.</summary>
    public TimeSpan MaxTtl { get; init; }

    /// <summary>When it expires; null for a non-expiring (root) token.</summary>
    public DateTimeOffset? ExpireTime { get; init; }

    public DateTimeOffset? LastRenewalTime { get; init; }

    /// <summary>Whether a lease backs the token (every token but root); lookups then show <c>renewable</c> and <c>issue_time</c>.</summary>
    public bool HasLease => ExpireTime is not null;
}

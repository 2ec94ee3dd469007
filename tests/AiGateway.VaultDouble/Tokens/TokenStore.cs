namespace AiGateway.VaultDouble;

/// <summary>
/// Issues, looks up, renews and revokes tokens. Every clock reading goes through the injected
/// <see cref="TimeProvider"/>, so tests move TTLs with a <c>FakeTimeProvider</c> instead of sleeping.
/// </summary>
internal sealed class TokenStore(TimeProvider time)
{
    /// <summary>Vault's default system max TTL (<c>max_lease_ttl</c>): 768h, 32 days.</summary>
    public static readonly TimeSpan SystemMaxTtl = TimeSpan.FromHours(768);

    private readonly Lock _lock = new();
    private readonly Dictionary<string, VaultToken> _tokens = new(StringComparer.Ordinal);

    /// <summary>Adds the non-expiring root token.</summary>
    public VaultToken AddRoot(string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        var token = new VaultToken
        {
            Id = id,
            Accessor = RandomIds.Accessor(),
            Policies = [BuiltInPolicies.RootName],
            Path = "auth/token/root",
            DisplayName = "root",
            Orphan = true,
            CreationTime = time.GetUtcNow(),
        };
        lock (_lock)
        {
            _tokens[id] = token;
        }

        return token;
    }

    public VaultToken Create(TokenSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Ttl <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(spec), spec.Ttl, "A token TTL must be positive.");
        }

        var now = time.GetUtcNow();
        var maxTtl = spec.MaxTtl is { } max && max > TimeSpan.Zero ? max : SystemMaxTtl;
        var ttl = WholeSeconds(spec.Ttl < maxTtl ? spec.Ttl : maxTtl);
        var token = new VaultToken
        {
            Id = RandomIds.ServiceToken(),
            Accessor = RandomIds.Accessor(),
            Policies = TokenPolicies.Sanitize(spec.Policies),
            Path = spec.Path,
            DisplayName = spec.DisplayName,
            Meta = spec.Meta,
            EntityId = spec.EntityId,
            Orphan = spec.Orphan,
            Renewable = spec.Renewable,
            CreationTime = now,
            CreationTtl = ttl,
            ExplicitMaxTtl = spec.MaxTtlIsExplicit && spec.MaxTtl is { } explicitMax ? WholeSeconds(explicitMax) : TimeSpan.Zero,
            MaxTtl = WholeSeconds(maxTtl),
            ExpireTime = now + ttl,
        };
        lock (_lock)
        {
            _tokens[token.Id] = token;
        }

        return token;
    }

    public TokenLookupResult Lookup(string? id, out VaultToken? token)
    {
        token = null;
        if (string.IsNullOrEmpty(id))
        {
            return TokenLookupResult.Missing;
        }

        lock (_lock)
        {
            if (!_tokens.TryGetValue(id, out var found))
            {
                return TokenLookupResult.Invalid;
            }

            if (IsExpired(found))
            {
                // Vault revokes a token when its lease expires; a later lookup finds nothing.
                _tokens.Remove(id);
                return TokenLookupResult.Invalid;
            }

            token = found;
            return TokenLookupResult.Valid;
        }
    }

    /// <summary>
    /// Renews a token: the new TTL is the increment (or the creation TTL when none) counted from now, capped at what
    /// is left of its max TTL, in which case Vault adds a warning.
    /// </summary>
    public TokenRenewal Renew(string id, TimeSpan increment)
    {
        lock (_lock)
        {
            if (!_tokens.TryGetValue(id, out var token) || IsExpired(token))
            {
                return new TokenRenewal(null, TimeSpan.Zero, null, 403, VaultErrors.MultiError(VaultErrors.PermissionDenied, VaultErrors.InvalidToken));
            }

            if (!token.Renewable || !token.HasLease)
            {
                return new TokenRenewal(null, TimeSpan.Zero, null, 400, "lease is not renewable");
            }

            var now = time.GetUtcNow();
            var requested = WholeSeconds(increment > TimeSpan.Zero ? increment : token.CreationTtl);
            var remainingMax = token.CreationTime + token.MaxTtl - now;
            string? warning = null;
            var ttl = requested;
            if (requested > remainingMax)
            {
                ttl = WholeSeconds(remainingMax);
                warning = $"TTL of \"{GoDuration.Format(requested)}\" exceeded the effective max_ttl of \"{GoDuration.Format(ttl)}\"; TTL value is capped accordingly";
            }

            if (ttl <= TimeSpan.Zero)
            {
                return new TokenRenewal(null, TimeSpan.Zero, null, 400, "past the max TTL, cannot renew");
            }

            var renewed = token with { ExpireTime = now + ttl, LastRenewalTime = now };
            _tokens[id] = renewed;
            return new TokenRenewal(renewed, ttl, warning);
        }
    }

    /// <summary>Revokes a token; unknown tokens are ignored, as Vault's revoke-self is idempotent.</summary>
    public void Revoke(string id)
    {
        lock (_lock)
        {
            _tokens.Remove(id);
        }
    }

    /// <summary>Seconds left, truncated, as Vault reports <c>ttl</c>; zero for a non-expiring token.</summary>
    public long RemainingSeconds(VaultToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return token.ExpireTime is { } expire ? Math.Max(0, (long)(expire - time.GetUtcNow()).TotalSeconds) : 0;
    }

    private bool IsExpired(VaultToken token) => token.ExpireTime is { } expire && time.GetUtcNow() >= expire;

    private static TimeSpan WholeSeconds(TimeSpan value) => TimeSpan.FromSeconds(Math.Floor(value.TotalSeconds));
}

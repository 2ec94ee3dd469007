namespace AiGateway.Auth;

/// <summary>Creates caller tokens: the secret is generated here, hashed, stored, and returned once.</summary>
public sealed class TokenIssuer
{
    private readonly ITokenStore _store;
    private readonly TokenHasher _hasher;
    private readonly TimeProvider _time;

    public TokenIssuer(ITokenStore store, TokenHasher hasher, TimeProvider time)
    {
        _store = store;
        _hasher = hasher;
        _time = time;
    }

    public Task<IssuedToken> IssueAsync(string team, string app, TimeSpan? lifetime, string? createdBy, CancellationToken cancellationToken)
        => IssueAsync(team, app, lifetime, scopes: null, createdBy, cancellationToken);

    /// <summary>Issues a token limited to <paramref name="scopes"/> (endpoint names within the team's; null for all of them).</summary>
    public async Task<IssuedToken> IssueAsync(string team, string app, TimeSpan? lifetime, IReadOnlyList<string>? scopes, string? createdBy, CancellationToken cancellationToken)
    {
        var secret = TokenFormat.Generate();
        var now = _time.GetUtcNow();
        var record = new TokenRecord
        {
            Id = "tok_" + Base62.Random(16),
            Hash = _hasher.Hash(secret),
            Team = team,
            App = app,
            CreatedAt = now,
            ExpiresAt = lifetime is { } l ? now + l : null,
            CreatedBy = createdBy,
            Scopes = scopes,
        };
        await _store.AddAsync(record, cancellationToken).ConfigureAwait(false);
        return new IssuedToken(record, secret);
    }
}

using AiGateway.Errors;

namespace AiGateway.Auth;

/// <summary>
/// Turns a presented credential into the caller's token record. No HTTP types: the middleware adapts it.
/// Malformed or checksum-failing credentials are refused before any hashing or store lookup.
/// </summary>
public sealed class CallerAuthenticator
{
    private readonly ITokenStore _store;
    private readonly TokenHasher _hasher;
    private readonly TimeProvider _time;

    public CallerAuthenticator(ITokenStore store, TokenHasher hasher, TimeProvider time)
    {
        _store = store;
        _hasher = hasher;
        _time = time;
    }

    public ValueTask<AuthenticationOutcome> AuthenticateAsync(ReadOnlySpan<char> credential, CancellationToken cancellationToken)
    {
        if (credential.IsEmpty)
        {
            return new(AuthenticationOutcome.Failure(GatewayErrors.MissingCredential));
        }
        if (!TokenFormat.IsWellFormed(credential))
        {
            return new(AuthenticationOutcome.Failure(GatewayErrors.InvalidToken));
        }

        var hash = _hasher.Hash(credential);
        var lookup = _store.FindByHashAsync(hash, cancellationToken);
        return lookup.IsCompletedSuccessfully
            ? new(Decide(hash, lookup.Result))
            : AwaitLookup(hash, lookup);
    }

    private async ValueTask<AuthenticationOutcome> AwaitLookup(TokenHash hash, ValueTask<TokenRecord?> lookup)
    {
        return Decide(hash, await lookup.ConfigureAwait(false));
    }

    private AuthenticationOutcome Decide(TokenHash presented, TokenRecord? record)
    {
        if (record is null || !TokenHasher.FixedTimeEquals(presented, record.Hash))
        {
            return AuthenticationOutcome.Failure(GatewayErrors.InvalidToken);
        }
        return record.Status switch
        {
            TokenStatus.Revoked => AuthenticationOutcome.Failure(GatewayErrors.RevokedToken),
            TokenStatus.Suspended => AuthenticationOutcome.Failure(GatewayErrors.SuspendedToken),
            _ when record.IsExpired(_time.GetUtcNow()) => AuthenticationOutcome.Failure(GatewayErrors.ExpiredToken),
            _ => AuthenticationOutcome.Success(record),
        };
    }
}

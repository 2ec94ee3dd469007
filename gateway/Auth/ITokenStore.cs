namespace AiGateway.Auth;

/// <summary>
/// Where caller tokens live. The embedded store keeps them in memory and in a file; a shared store
/// serves many replicas. Lookups on the request path go through <see cref="FindByHashAsync"/>.
/// </summary>
public interface ITokenStore
{
    /// <summary>Hot path: completes synchronously when the record is in memory.</summary>
    ValueTask<TokenRecord?> FindByHashAsync(TokenHash hash, CancellationToken cancellationToken);

    Task<TokenRecord?> GetAsync(string id, CancellationToken cancellationToken);

    Task<IReadOnlyList<TokenRecord>> ListAsync(string? team, CancellationToken cancellationToken);

    Task AddAsync(TokenRecord record, CancellationToken cancellationToken);

    /// <summary>Changes the status; returns the updated record, or null when the id is unknown.</summary>
    Task<TokenRecord?> SetStatusAsync(string id, TokenStatus status, string? reason, DateTimeOffset at, CancellationToken cancellationToken);
}

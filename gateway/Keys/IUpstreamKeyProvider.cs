namespace AiGateway.Keys;

/// <summary>
/// Serves upstream keys from an in-memory snapshot; the request path never waits on I/O for a key.
/// Implementations: local file/environment (embedded default); Vault (production).
/// </summary>
public interface IUpstreamKeyProvider
{
    /// <summary>A short name for health output and logs, e.g. "file" or "vault".</summary>
    string Name { get; }

    /// <summary>The key for <paramref name="keyRef"/>, or null when none is loaded (or the cached one is past its grace).</summary>
    UpstreamKey? GetKey(string keyRef);

    /// <summary>
    /// Re-reads <paramref name="keyRef"/> from the source now (the upstream refused the cached key, e.g.
    /// after a rotation). Concurrent calls for one key share a single read.
    /// </summary>
    Task<UpstreamKey?> RefreshAsync(string keyRef, CancellationToken cancellationToken);

    /// <summary>How the source is doing, for <c>/readyz</c>.</summary>
    KeySourceHealth Health { get; }
}

/// <summary>State of a key source: reachable or not, and since when the cache has been serving alone.</summary>
public sealed record KeySourceHealth(bool Reachable, DateTimeOffset? LastSuccess, string? LastError);

namespace AiGateway.Keys;

/// <summary>
/// Serves upstream keys from an in-memory snapshot; the request path never waits on I/O for a key.
/// Implementations: local file/environment (embedded default); Vault (production).
/// </summary>
public interface IUpstreamKeyProvider
{
    /// <summary>A short name for health output and logs, e.g. "file" or "vault".</summary>
    string Name { get; }

    /// <summary>The key for <paramref name="keyRef"/>, or null when none is loaded.</summary>
    UpstreamKey? GetKey(string keyRef);
}

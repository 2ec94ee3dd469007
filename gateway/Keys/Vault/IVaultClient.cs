namespace AiGateway.Keys.Vault;

/// <summary>
/// The KV v2 operations the gateway and its rotation tool need, on the configured mount. Paths are
/// relative to the mount (<c>creds/rag-production</c>). Failures are <see cref="VaultException"/>s.
/// </summary>
public interface IVaultClient
{
    /// <summary>The latest version, or <paramref name="version"/>; null when absent, deleted or destroyed.</summary>
    Task<KvSecret?> ReadSecretAsync(string path, int? version, CancellationToken cancellationToken);

    Task<KvMetadata?> ReadMetadataAsync(string path, CancellationToken cancellationToken);

    /// <summary>Writes a new version. <paramref name="cas"/>: 0 = only if absent, N = only if the current version is N. Returns the new version.</summary>
    Task<int> WriteSecretAsync(string path, IReadOnlyDictionary<string, string> data, int? cas, CancellationToken cancellationToken);

    /// <summary>Replaces the secret's custom metadata.</summary>
    Task WriteCustomMetadataAsync(string path, IReadOnlyDictionary<string, string> customMetadata, CancellationToken cancellationToken);

    /// <summary>Keys under a folder (folders end in '/'); empty when the folder does not exist.</summary>
    Task<IReadOnlyList<string>> ListAsync(string folder, CancellationToken cancellationToken);

    /// <summary>True when Vault is initialised, unsealed and active (<c>sys/health</c>).</summary>
    Task<bool> IsHealthyAsync(CancellationToken cancellationToken);
}

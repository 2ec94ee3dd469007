using AiGateway.Keys.Vault;

namespace AiGateway.KeyRotation.Tests.Infrastructure;

/// <summary>
/// Forwards every call to the real client, but runs <see cref="BeforeWrite"/> before a KV write (the place to let
/// "someone else" write through the double, or to arm a fault for exactly that request) and <see cref="AfterWrite"/>
/// after it (the place to throw as if the answer had been lost after Vault committed).
/// </summary>
internal sealed class InterceptingVaultClient(IVaultClient inner) : IVaultClient
{
    /// <summary>Called with the path (relative to the mount) right before a write is forwarded.</summary>
    public Action<string>? BeforeWrite { get; set; }

    /// <summary>Called with the path after a forwarded write succeeded; an exception thrown here reaches the caller.</summary>
    public Action<string>? AfterWrite { get; set; }

    public Task<KvSecret?> ReadSecretAsync(string path, int? version, CancellationToken cancellationToken) =>
        inner.ReadSecretAsync(path, version, cancellationToken);

    public Task<KvMetadata?> ReadMetadataAsync(string path, CancellationToken cancellationToken) =>
        inner.ReadMetadataAsync(path, cancellationToken);

    public async Task<int> WriteSecretAsync(string path, IReadOnlyDictionary<string, string> data, int? cas, CancellationToken cancellationToken)
    {
        BeforeWrite?.Invoke(path);
        var version = await inner.WriteSecretAsync(path, data, cas, cancellationToken);
        AfterWrite?.Invoke(path);
        return version;
    }

    public Task WriteCustomMetadataAsync(string path, IReadOnlyDictionary<string, string> customMetadata, CancellationToken cancellationToken) =>
        inner.WriteCustomMetadataAsync(path, customMetadata, cancellationToken);

    public Task<IReadOnlyList<string>> ListAsync(string folder, CancellationToken cancellationToken) =>
        inner.ListAsync(folder, cancellationToken);

    public Task<bool> IsHealthyAsync(CancellationToken cancellationToken) => inner.IsHealthyAsync(cancellationToken);
}

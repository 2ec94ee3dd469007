using AiGateway.Keys.Vault;

namespace AiGateway.KeyRotation.Rotation;

/// <summary>Lists the services under <c>creds/</c> and reads each one's key state (id, version, age).</summary>
internal sealed class KeyInventory
{
    // Deep enough for team/service layouts; a bound so a pathological tree cannot recurse forever.
    private const int MaxDepth = 8;

    private readonly IVaultClient _vault;
    private readonly RotationOptions _options;
    private readonly TimeProvider _time;

    public KeyInventory(IVaultClient vault, RotationOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(vault);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _vault = vault;
        _options = options;
        _time = time;
    }

    /// <summary>Every secret under <c>creds/</c>, nested folders included, as service names sorted ordinally.</summary>
    public async Task<IReadOnlyList<string>> ListServicesAsync(CancellationToken cancellationToken)
    {
        var services = new List<string>();
        await CollectAsync("", 0, services, cancellationToken).ConfigureAwait(false);
        services.Sort(StringComparer.Ordinal);
        return services;
    }

    /// <summary>The key state of <paramref name="service"/>, or null when it has no (live) secret.</summary>
    public async Task<ServiceKeyState?> ReadAsync(string service, CancellationToken cancellationToken)
    {
        var path = SecretPaths.Credentials(service);
        var secret = await _vault.ReadSecretAsync(path, null, cancellationToken).ConfigureAwait(false);
        if (secret is null)
        {
            return null;
        }
        var metadata = secret.CustomMetadata is null ? await TryReadMetadataAsync(path, cancellationToken).ConfigureAwait(false) : null;
        var custom = secret.CustomMetadata ?? metadata?.CustomMetadata;
        return new ServiceKeyState(
            service,
            secret.Version,
            SecretFields.KeyIdOf(secret.Data),
            custom?.GetValueOrDefault("owner"),
            RotationSchedule.Evaluate(secret, metadata, _options.DefaultMaxAgeDays, _time.GetUtcNow()));
    }

    /// <summary>Every service's state; one unreadable secret becomes an entry with an error, not a failed report.</summary>
    public async Task<KeyStatusReport> ReadAllAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<string> services;
        try
        {
            services = await ListServicesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new KeyStatusReport([], $"could not list {SecretPaths.CredentialsFolder}/: {ex.Message}");
        }
        var entries = new List<KeyStatusEntry>(services.Count);
        foreach (var service in services)
        {
            try
            {
                var state = await ReadAsync(service, cancellationToken).ConfigureAwait(false);
                entries.Add(new KeyStatusEntry(service, state, state is null ? "no live version (deleted or destroyed)" : null));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                entries.Add(new KeyStatusEntry(service, null, ex.Message));
            }
        }
        return new KeyStatusReport(entries, null);
    }

    private async Task CollectAsync(string prefix, int depth, List<string> into, CancellationToken cancellationToken)
    {
        var folder = prefix.Length == 0 ? SecretPaths.CredentialsFolder : $"{SecretPaths.CredentialsFolder}/{prefix.TrimEnd('/')}";
        foreach (var key in await _vault.ListAsync(folder, cancellationToken).ConfigureAwait(false))
        {
            if (!key.EndsWith('/'))
            {
                into.Add(prefix + key);
            }
            else if (depth < MaxDepth)
            {
                await CollectAsync(prefix + key, depth + 1, into, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Only for secrets without custom metadata; a policy without metadata read just loses the fallback times.</summary>
    private async Task<KvMetadata?> TryReadMetadataAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await _vault.ReadMetadataAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (VaultException ex) when (ex.IsPermissionDenied)
        {
            return null;
        }
    }
}

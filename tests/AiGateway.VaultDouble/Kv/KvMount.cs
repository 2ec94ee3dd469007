namespace AiGateway.VaultDouble;

/// <summary>
/// One KV version 2 engine: keys, their versions and metadata, with Vault's check-and-set, soft-delete, destroy
/// and version-pruning rules (hashicorp/vault-plugin-secrets-kv <c>path_data.go</c>, <c>path_metadata.go</c>).
/// One lock guards the mount; results are immutable copies.
/// </summary>
internal sealed class KvMount(string name, TimeProvider time)
{
    public const string CasMismatch = "check-and-set parameter did not match the current version";
    public const string CasRequired = "check-and-set parameter required for this call";

    private readonly Lock _lock = new();
    private readonly SortedDictionary<string, KvSecret> _secrets = new(StringComparer.Ordinal);
    private KvMountConfig _config = KvMountConfig.Default;

    /// <summary>The mount path without slashes, e.g. <c>holysheepai</c>.</summary>
    public string Name { get; } = name;

    public KvMountConfig Config
    {
        get
        {
            lock (_lock)
            {
                return _config;
            }
        }

        set
        {
            ArgumentNullException.ThrowIfNull(value);
            lock (_lock)
            {
                _config = value;
            }
        }
    }

    /// <summary>Vault's existence check for writes: the key has metadata (even if every version is deleted).</summary>
    public bool Exists(string key)
    {
        lock (_lock)
        {
            return _secrets.ContainsKey(key);
        }
    }

    /// <summary>Reads <paramref name="version"/>, or the current version when it is 0.</summary>
    public KvReadResult Read(string key, int version)
    {
        lock (_lock)
        {
            if (!_secrets.TryGetValue(key, out var secret))
            {
                return new KvReadResult(KvReadStatus.NotFound, 0, null, null);
            }

            var number = version == 0 ? secret.CurrentVersion : version;
            if (!secret.Versions.TryGetValue(number, out var entry))
            {
                return new KvReadResult(KvReadStatus.NotFound, number, null, null);
            }

            var status = entry.IsHiddenAt(time.GetUtcNow()) ? KvReadStatus.Hidden : KvReadStatus.Found;
            return new KvReadResult(status, number, entry, CopyOf(secret.CustomMetadata));
        }
    }

    /// <summary>Writes a new version. <paramref name="cas"/>: null = none given; 0 = only if absent; N = only if current is N.</summary>
    /// <param name="key">The secret path inside the mount.</param>
    /// <param name="dataJson">The <c>data</c> object as JSON text.</param>
    /// <param name="cas">The check-and-set version, or null.</param>
    /// <param name="ignoreCasRequired">Test setup writes bypass <c>cas_required</c>, as they bypass ACLs.</param>
    public KvWriteResult Write(string key, string dataJson, int? cas, bool ignoreCasRequired = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(dataJson);
        lock (_lock)
        {
            _secrets.TryGetValue(key, out var secret);
            if (cas is { } expected)
            {
                if (expected != (secret?.CurrentVersion ?? 0))
                {
                    return KvWriteResult.Refused(CasMismatch);
                }
            }
            else if (!ignoreCasRequired && (_config.CasRequired || secret?.CasRequired == true))
            {
                return KvWriteResult.Refused(CasRequired);
            }

            var now = time.GetUtcNow();
            if (secret is null)
            {
                secret = new KvSecret(now);
                _secrets[key] = secret;
            }

            var deleteAfter = secret.DeleteVersionAfter > TimeSpan.Zero ? secret.DeleteVersionAfter : _config.DeleteVersionAfter;
            var entry = new KvVersion(now, deleteAfter > TimeSpan.Zero ? now + deleteAfter : null, false, dataJson);
            secret.CurrentVersion++;
            secret.UpdatedTime = now;
            secret.Versions[secret.CurrentVersion] = entry;
            Prune(secret);
            return new KvWriteResult(secret.CurrentVersion, entry, CopyOf(secret.CustomMetadata), null);
        }
    }

    public KvSecretSnapshot? ReadMetadata(string key)
    {
        lock (_lock)
        {
            return _secrets.TryGetValue(key, out var secret) ? secret.Snapshot() : null;
        }
    }

    /// <summary>Creates or updates a key's metadata; a new key gets metadata and no versions (current_version 0).</summary>
    public void WriteMetadata(string key, KvMetadataUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        lock (_lock)
        {
            var now = time.GetUtcNow();
            if (!_secrets.TryGetValue(key, out var secret))
            {
                secret = new KvSecret(now);
                _secrets[key] = secret;
            }

            secret.MaxVersions = update.MaxVersions ?? secret.MaxVersions;
            secret.CasRequired = update.CasRequired ?? secret.CasRequired;
            secret.DeleteVersionAfter = update.DeleteVersionAfter ?? secret.DeleteVersionAfter;
            if (update.CustomMetadata is { } custom)
            {
                secret.CustomMetadata = new Dictionary<string, string>(custom, StringComparer.Ordinal);
            }

            secret.UpdatedTime = now;
        }
    }

    /// <summary>Removes a key with all its versions and metadata.</summary>
    public void DeleteMetadata(string key)
    {
        lock (_lock)
        {
            _secrets.Remove(key);
        }
    }

    /// <summary>
    /// The entries directly under <paramref name="folder"/> (empty or ending in <c>/</c>): key names, and sub-folders
    /// with a trailing <c>/</c>, sorted. Empty when nothing is there.
    /// </summary>
    public IReadOnlyList<string> List(string folder)
    {
        lock (_lock)
        {
            var keys = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var key in _secrets.Keys)
            {
                if (key.Length > folder.Length && key.StartsWith(folder, StringComparison.Ordinal))
                {
                    var rest = key[folder.Length..];
                    var slash = rest.IndexOf('/', StringComparison.Ordinal);
                    keys.Add(slash < 0 ? rest : rest[..(slash + 1)]);
                }
            }

            return [.. keys];
        }
    }

    /// <summary><c>DELETE data/&lt;key&gt;</c>: soft-deletes the current version if it is still readable.</summary>
    public void DeleteLatest(string key)
    {
        lock (_lock)
        {
            if (_secrets.TryGetValue(key, out var secret))
            {
                Change(secret, [secret.CurrentVersion], static (entry, now) => entry.IsHiddenAt(now) ? entry : entry with { DeletionTime = now });
            }
        }
    }

    public void DeleteVersions(string key, IReadOnlyList<int> versions) =>
        ChangeVersions(key, versions, static (entry, now) => entry.IsHiddenAt(now) ? entry : entry with { DeletionTime = now });

    public void UndeleteVersions(string key, IReadOnlyList<int> versions) =>
        ChangeVersions(key, versions, static (entry, _) => entry.Destroyed ? entry : entry with { DeletionTime = null });

    public void DestroyVersions(string key, IReadOnlyList<int> versions) =>
        ChangeVersions(key, versions, static (entry, _) => entry with { Destroyed = true, DataJson = null });

    private void ChangeVersions(string key, IReadOnlyList<int> versions, Func<KvVersion, DateTimeOffset, KvVersion> change)
    {
        lock (_lock)
        {
            if (_secrets.TryGetValue(key, out var secret))
            {
                Change(secret, versions, change);
            }
        }
    }

    private void Change(KvSecret secret, IReadOnlyList<int> versions, Func<KvVersion, DateTimeOffset, KvVersion> change)
    {
        var now = time.GetUtcNow();
        foreach (var version in versions)
        {
            if (secret.Versions.TryGetValue(version, out var entry))
            {
                secret.Versions[version] = change(entry, now);
            }
        }
    }

    private void Prune(KvSecret secret)
    {
        var max = secret.MaxVersions > 0 ? secret.MaxVersions
            : _config.MaxVersions > 0 ? _config.MaxVersions
            : KvMountConfig.DefaultMaxVersions;
        if (secret.Versions.Count <= max)
        {
            return;
        }

        while (secret.Versions.Count > max)
        {
            secret.Versions.Remove(secret.Versions.Keys.First());
        }

        secret.OldestVersion = secret.Versions.Keys.First();
    }

    private static Dictionary<string, string>? CopyOf(Dictionary<string, string>? map) =>
        map is null ? null : new Dictionary<string, string>(map, StringComparer.Ordinal);
}

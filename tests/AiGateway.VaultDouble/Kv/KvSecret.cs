namespace AiGateway.VaultDouble;

/// <summary>One key's metadata and versions. Mutable; only <see cref="KvMount"/> touches it, under its lock.</summary>
internal sealed class KvSecret(DateTimeOffset createdTime)
{
    public DateTimeOffset CreatedTime { get; } = createdTime;

    public DateTimeOffset UpdatedTime { get; set; } = createdTime;

    public int CurrentVersion { get; set; }

    /// <summary>Zero until versions are pruned, then the oldest kept version (as Vault reports it).</summary>
    public int OldestVersion { get; set; }

    public int MaxVersions { get; set; }

    public bool CasRequired { get; set; }

    public TimeSpan DeleteVersionAfter { get; set; }

    public Dictionary<string, string>? CustomMetadata { get; set; }

    public SortedDictionary<int, KvVersion> Versions { get; } = [];

    public KvSecretSnapshot Snapshot() => new(
        CreatedTime,
        UpdatedTime,
        CurrentVersion,
        OldestVersion,
        MaxVersions,
        CasRequired,
        DeleteVersionAfter,
        CustomMetadata is null ? null : new Dictionary<string, string>(CustomMetadata, StringComparer.Ordinal),
        [.. Versions]);
}

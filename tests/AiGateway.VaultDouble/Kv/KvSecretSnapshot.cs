namespace AiGateway.VaultDouble;

/// <summary>An immutable copy of one key's metadata and versions, rendered outside the mount's lock.</summary>
internal sealed record KvSecretSnapshot(
    DateTimeOffset CreatedTime,
    DateTimeOffset UpdatedTime,
    int CurrentVersion,
    int OldestVersion,
    int MaxVersions,
    bool CasRequired,
    TimeSpan DeleteVersionAfter,
    IReadOnlyDictionary<string, string>? CustomMetadata,
    IReadOnlyList<KeyValuePair<int, KvVersion>> Versions);

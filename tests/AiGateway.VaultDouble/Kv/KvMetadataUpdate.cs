namespace AiGateway.VaultDouble;

/// <summary>The fields of a metadata write; null ones keep their current value, as in Vault.</summary>
internal sealed record KvMetadataUpdate(
    int? MaxVersions,
    bool? CasRequired,
    TimeSpan? DeleteVersionAfter,
    IReadOnlyDictionary<string, string>? CustomMetadata);

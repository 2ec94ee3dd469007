namespace AiGateway.VaultDouble;

/// <summary>The version read, with the key's custom metadata (returned on every read, A.3).</summary>
internal sealed record KvReadResult(KvReadStatus Status, int Version, KvVersion? Entry, IReadOnlyDictionary<string, string>? CustomMetadata);

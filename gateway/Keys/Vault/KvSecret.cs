namespace AiGateway.Keys.Vault;

/// <summary>One version of a KV v2 secret. <see cref="ToString"/> lists field names only, never values.</summary>
public sealed record KvSecret(IReadOnlyDictionary<string, string> Data, int Version, DateTimeOffset? CreatedTime, IReadOnlyDictionary<string, string>? CustomMetadata)
{
    public override string ToString() => $"KvSecret {{ Version = {Version}, Fields = [{string.Join(", ", Data.Keys)}] }}";
}

/// <summary>KV v2 metadata of a secret: versions and the custom metadata the rotation tool keeps.</summary>
public sealed record KvMetadata(int CurrentVersion, DateTimeOffset? CreatedTime, DateTimeOffset? UpdatedTime, IReadOnlyDictionary<string, string> CustomMetadata);

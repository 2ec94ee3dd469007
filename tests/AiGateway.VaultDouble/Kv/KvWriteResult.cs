namespace AiGateway.VaultDouble;

/// <summary>A write's new version, or the 400 error text that refused it.</summary>
internal sealed record KvWriteResult(int Version, KvVersion? Entry, IReadOnlyDictionary<string, string>? CustomMetadata, string? Error)
{
    public static KvWriteResult Refused(string error) => new(0, null, null, error);
}

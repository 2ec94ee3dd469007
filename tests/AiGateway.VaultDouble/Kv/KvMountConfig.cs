namespace AiGateway.VaultDouble;

/// <summary>A KV v2 mount's <c>config</c>: defaults every key of the mount inherits.</summary>
/// <param name="MaxVersions">Versions kept per key; 0 means Vault's default of 10.</param>
/// <param name="CasRequired">Whether every write must carry <c>options.cas</c>.</param>
/// <param name="DeleteVersionAfter">Soft-delete each version this long after it is written; zero disables.</param>
internal sealed record KvMountConfig(int MaxVersions, bool CasRequired, TimeSpan DeleteVersionAfter)
{
    /// <summary>What Vault keeps when neither the key nor the mount sets <c>max_versions</c>.</summary>
    public const int DefaultMaxVersions = 10;

    public static KvMountConfig Default { get; } = new(0, false, TimeSpan.Zero);
}

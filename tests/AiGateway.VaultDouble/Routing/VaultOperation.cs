namespace AiGateway.VaultDouble;

/// <summary>
/// Vault's logical operations. POST and PUT start as <see cref="Update"/>; a path with an existence check
/// (KV v2 <c>data/</c> and <c>metadata/</c>) turns it into <see cref="Create"/> when the key does not exist yet,
/// exactly as Vault decides which ACL capability a write needs.
/// </summary>
internal enum VaultOperation
{
    Read,
    List,
    Create,
    Update,
    Delete,
    Patch,

    /// <summary>HEAD: only <c>sys/health</c> answers it.</summary>
    Head,
}

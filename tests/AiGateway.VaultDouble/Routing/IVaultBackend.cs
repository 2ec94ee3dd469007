namespace AiGateway.VaultDouble;

/// <summary>
/// An engine mounted at a path prefix (a KV v2 mount, the token store), called after the token and ACL checks.
/// Mirrors Vault's router: the backend sees the path relative to its mount.
/// </summary>
internal interface IVaultBackend
{
    /// <summary>The mount path with its trailing slash, e.g. <c>holysheepai/</c> or <c>auth/token/</c>.</summary>
    string Prefix { get; }

    /// <summary>
    /// The operation the ACL must allow. Backends with an existence check turn a write on a missing object into
    /// <see cref="VaultOperation.Create"/>; everything else returns <paramref name="operation"/> unchanged.
    /// </summary>
    VaultOperation ResolveOperation(string subPath, VaultOperation operation);

    VaultResponse Handle(VaultRequest request, string subPath, VaultOperation operation, VaultToken token);
}

namespace AiGateway.VaultDouble;

/// <summary>
/// Routes a KV v2 mount's sub-paths (<c>data/</c>, <c>metadata/</c>, <c>delete/</c>, <c>undelete/</c>,
/// <c>destroy/</c>, <c>config</c>) to their handlers; anything else gets the plugin's "invalid path" answer (A.3 case 4).
/// </summary>
internal sealed class KvV2Backend(KvMount mount) : IVaultBackend
{
    public string Prefix { get; } = mount.Name + "/";

    public VaultOperation ResolveOperation(string subPath, VaultOperation operation)
    {
        // The plugin's existence check: a write to a key without metadata needs "create", to an existing one "update".
        if (operation == VaultOperation.Update
            && Split(subPath) is ("data" or "metadata", { Length: > 0 } key)
            && !mount.Exists(key))
        {
            return VaultOperation.Create;
        }

        return operation;
    }

    public VaultResponse Handle(VaultRequest request, string subPath, VaultOperation operation, VaultToken token) =>
        Split(subPath) switch
        {
            ("data", { } key) => KvDataHandler.Handle(mount, request, key, operation),
            ("metadata", { } key) => KvMetadataHandler.Handle(mount, request, key, operation),
            ("delete" or "undelete" or "destroy", { } key) => KvVersionsHandler.Handle(mount, request, Split(subPath).Section, key, operation),
            ("config", null) => KvConfigHandler.Handle(mount, request, operation),
            _ => InvalidPath(operation),
        };

    /// <summary>
    /// What the plugin answers for a KV v1-style path on a v2 mount: 404 with a full envelope, <c>data: null</c>
    /// and a warning naming the CLI sub-command for the operation (hashicorp/vault-plugin-secrets-kv backend.go).
    /// </summary>
    public static VaultResponse InvalidPath(VaultOperation operation)
    {
        var subCommand = operation switch
        {
            VaultOperation.Create or VaultOperation.Update => "put",
            VaultOperation.List => "list",
            VaultOperation.Delete => "delete",
            _ => "get",
        };
        var warning = "Invalid path for a versioned K/V secrets engine. See the API docs for the appropriate API endpoints to use. "
            + $"If using the Vault CLI, use 'vault kv {subCommand}' for this operation.";
        return VaultResponse.WithStatus(404, VaultEnvelope.Create(null, null, [warning], ""));
    }

    /// <summary>Splits <c>data/a/b</c> into (<c>data</c>, <c>a/b</c>); a path without a slash has a null key.</summary>
    private static (string Section, string? Key) Split(string subPath)
    {
        var slash = subPath.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? (subPath, null) : (subPath[..slash], subPath[(slash + 1)..]);
    }
}

namespace AiGateway.VaultDouble;

/// <summary>Maps policy-file capability names and logical operations to <see cref="Capabilities"/>.</summary>
internal static class CapabilityNames
{
    public static bool TryParse(string name, out Capabilities capability)
    {
        capability = name switch
        {
            "create" => Capabilities.Create,
            "read" => Capabilities.Read,
            "update" => Capabilities.Update,
            "patch" => Capabilities.Patch,
            "delete" => Capabilities.Delete,
            "list" => Capabilities.List,
            "sudo" => Capabilities.Sudo,
            "deny" => Capabilities.Deny,
            "subscribe" => Capabilities.Subscribe,
            "recover" => Capabilities.Recover,
            _ => Capabilities.None,
        };
        return capability != Capabilities.None;
    }

    /// <summary>
    /// The pre-0.9 <c>policy = "..."</c> shorthand, still accepted by Vault: <c>read</c> is read+list, <c>write</c>
    /// adds create/update/delete, <c>sudo</c> adds sudo, <c>deny</c> denies.
    /// </summary>
    public static bool TryParseLegacyPolicy(string name, out Capabilities capabilities)
    {
        const Capabilities read = Capabilities.Read | Capabilities.List;
        const Capabilities write = read | Capabilities.Create | Capabilities.Update | Capabilities.Delete;
        capabilities = name switch
        {
            "deny" => Capabilities.Deny,
            "read" => read,
            "write" => write,
            "sudo" => write | Capabilities.Sudo,
            _ => Capabilities.None,
        };
        return capabilities != Capabilities.None;
    }

    /// <summary>The capability a logical operation needs on its path (WIRE-FACTS A.6 table).</summary>
    public static Capabilities Required(VaultOperation operation) => operation switch
    {
        VaultOperation.Read or VaultOperation.Head => Capabilities.Read,
        VaultOperation.List => Capabilities.List,
        VaultOperation.Create => Capabilities.Create,
        VaultOperation.Update => Capabilities.Update,
        VaultOperation.Delete => Capabilities.Delete,
        VaultOperation.Patch => Capabilities.Patch,
        _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, null),
    };
}

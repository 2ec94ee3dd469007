namespace AiGateway.VaultDouble;

/// <summary>ACL capabilities (WIRE-FACTS A.6). <see cref="Deny"/> overrides everything, <c>sudo</c> included.</summary>
[Flags]
internal enum Capabilities
{
    None = 0,
    Create = 1 << 0,
    Read = 1 << 1,
    Update = 1 << 2,
    Patch = 1 << 3,
    Delete = 1 << 4,
    List = 1 << 5,
    Sudo = 1 << 6,
    Deny = 1 << 7,

    /// <summary>Accepted because newer Vault policies may name it (event subscriptions); the double has no events.</summary>
    Subscribe = 1 << 8,

    /// <summary>Accepted because newer Vault policies may name it (snapshot recovery); the double has no snapshots.</summary>
    Recover = 1 << 9,
}

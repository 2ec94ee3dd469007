namespace AiGateway.VaultDouble;

/// <summary>A parsed ACL policy: its name and path rules, in file order.</summary>
/// <param name="Name">The policy name (lower case, as Vault stores it).</param>
/// <param name="Rules">The path rules.</param>
/// <param name="Source">The HCL text it was parsed from (empty for <c>root</c>).</param>
internal sealed record AclPolicy(string Name, IReadOnlyList<PathRule> Rules, string Source);

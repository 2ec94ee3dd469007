namespace AiGateway.VaultDouble;

/// <summary>Normalises a token's policy list as Vault's <c>policyutil.SanitizePolicies</c> does.</summary>
internal static class TokenPolicies
{
    /// <summary>Trimmed, lower-cased, de-duplicated and sorted, with <c>default</c> added; <c>root</c> stands alone.</summary>
    public static IReadOnlyList<string> Sanitize(IEnumerable<string> policies)
    {
        ArgumentNullException.ThrowIfNull(policies);
        var set = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var policy in policies)
        {
            if (!string.IsNullOrWhiteSpace(policy))
            {
                set.Add(PolicyStore.NormalizeName(policy));
            }
        }

        if (set.Contains(BuiltInPolicies.RootName))
        {
            return [BuiltInPolicies.RootName];
        }

        set.Add(BuiltInPolicies.DefaultName);
        return [.. set];
    }
}

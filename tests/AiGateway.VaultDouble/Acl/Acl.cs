namespace AiGateway.VaultDouble;

/// <summary>
/// The merged ACL of one token's policies, evaluated as Vault does (WIRE-FACTS A.6): an exact rule wins outright;
/// otherwise only the single highest-priority wildcard rule that matches applies. The same pattern in several
/// policies unions its capabilities, and a <c>deny</c> anywhere on that pattern makes it deny only.
/// </summary>
internal sealed class Acl
{
    private readonly Dictionary<string, Capabilities> _exact;
    private readonly List<(PolicyPathPattern Pattern, Capabilities Capabilities)> _wildcards;

    private Acl(bool isRoot, Dictionary<string, Capabilities> exact, List<(PolicyPathPattern, Capabilities)> wildcards)
    {
        IsRoot = isRoot;
        _exact = exact;
        _wildcards = wildcards;
    }

    /// <summary>True when the <c>root</c> policy is attached: everything is allowed.</summary>
    public bool IsRoot { get; }

    public static Acl Build(IEnumerable<AclPolicy> policies)
    {
        ArgumentNullException.ThrowIfNull(policies);
        var isRoot = false;
        var exact = new Dictionary<string, Capabilities>(StringComparer.Ordinal);
        var wildcards = new Dictionary<string, (PolicyPathPattern Pattern, Capabilities Capabilities)>(StringComparer.Ordinal);
        foreach (var policy in policies)
        {
            isRoot |= policy.Name == BuiltInPolicies.RootName;
            foreach (var rule in policy.Rules)
            {
                if (rule.Pattern.IsExact)
                {
                    exact[rule.Pattern.Text] = Merge(exact.GetValueOrDefault(rule.Pattern.Text), rule.Capabilities);
                }
                else
                {
                    var existing = wildcards.TryGetValue(rule.Pattern.Text, out var found) ? found.Capabilities : Capabilities.None;
                    wildcards[rule.Pattern.Text] = (rule.Pattern, Merge(existing, rule.Capabilities));
                }
            }
        }

        return new Acl(isRoot, exact, [.. wildcards.Values]);
    }

    /// <summary>Whether <paramref name="operation"/> on <paramref name="path"/> is allowed.</summary>
    public bool Allows(string path, VaultOperation operation)
    {
        if (IsRoot)
        {
            return true;
        }

        var granted = CapabilitiesFor(path, operation == VaultOperation.List);
        return (granted & Capabilities.Deny) == 0 && (granted & CapabilityNames.Required(operation)) != 0;
    }

    /// <summary>
    /// The capabilities of the one rule that governs <paramref name="path"/>; <see cref="Capabilities.None"/> when no
    /// rule matches. A LIST also accepts an exact rule written without the trailing slash, as Vault does.
    /// </summary>
    public Capabilities CapabilitiesFor(string path, bool isList)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (_exact.TryGetValue(path, out var capabilities))
        {
            return capabilities;
        }

        if (isList && path.EndsWith('/') && _exact.TryGetValue(path[..^1], out capabilities))
        {
            return capabilities;
        }

        PolicyPathPattern? best = null;
        var bestCapabilities = Capabilities.None;
        foreach (var (pattern, granted) in _wildcards)
        {
            if (pattern.Matches(path) && (best is null || PolicyPathPattern.ComparePriority(pattern, best) > 0))
            {
                best = pattern;
                bestCapabilities = granted;
            }
        }

        return bestCapabilities;
    }

    private static Capabilities Merge(Capabilities existing, Capabilities added) =>
        ((existing | added) & Capabilities.Deny) != 0 ? Capabilities.Deny : existing | added;
}

namespace AiGateway.VaultDouble;

/// <summary>
/// The named ACL policies of one double. Names are lower-cased as Vault stores them; a token naming a policy
/// that does not exist simply gets nothing from it, as in Vault.
/// </summary>
internal sealed class PolicyStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, AclPolicy> _policies = new(StringComparer.Ordinal);

    public PolicyStore()
    {
        _policies[BuiltInPolicies.RootName] = BuiltInPolicies.Root;
        _policies[BuiltInPolicies.DefaultName] = BuiltInPolicies.Default();
    }

    public IReadOnlyList<string> Names
    {
        get
        {
            lock (_lock)
            {
                return [.. _policies.Keys.Order(StringComparer.Ordinal)];
            }
        }
    }

    /// <summary>Normalises a policy name as Vault does (trimmed, lower case) and rejects unusable ones.</summary>
    public static string NormalizeName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var normalized = name.Trim().ToLowerInvariant();
        if (normalized.Length == 0)
        {
            throw new ArgumentException("A policy name must not be empty.", nameof(name));
        }

        return normalized;
    }

    /// <summary>Parses and stores a policy, replacing one with the same name.</summary>
    /// <exception cref="FormatException">The HCL is invalid; the message names the line.</exception>
    /// <exception cref="ArgumentException">The name is empty or <c>root</c>.</exception>
    public AclPolicy Add(string name, string hcl, string? sourceName = null)
    {
        var normalized = NormalizeName(name);
        if (normalized == BuiltInPolicies.RootName)
        {
            throw new ArgumentException("cannot update root policy", nameof(name));
        }

        var policy = HclPolicyParser.Parse(normalized, hcl, sourceName);
        lock (_lock)
        {
            _policies[normalized] = policy;
        }

        return policy;
    }

    /// <summary>Loads every <c>*.hcl</c> file of <paramref name="directory"/>, in name order; returns the policy names.</summary>
    public IReadOnlyList<string> LoadDirectory(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var full = Path.GetFullPath(directory);
        if (!Directory.Exists(full))
        {
            throw new DirectoryNotFoundException($"Vault policy directory '{full}' does not exist.");
        }

        var names = new List<string>();
        foreach (var file in Directory.GetFiles(full, "*.hcl").Order(StringComparer.Ordinal))
        {
            names.Add(Add(Path.GetFileNameWithoutExtension(file), File.ReadAllText(file), file).Name);
        }

        return names;
    }

    /// <summary>Builds the merged ACL for a token's policy names.</summary>
    public Acl BuildAcl(IEnumerable<string> policyNames)
    {
        ArgumentNullException.ThrowIfNull(policyNames);
        var attached = new List<AclPolicy>();
        lock (_lock)
        {
            foreach (var name in policyNames)
            {
                if (_policies.TryGetValue(name, out var policy))
                {
                    attached.Add(policy);
                }
            }
        }

        return Acl.Build(attached);
    }
}

namespace AiGateway.VaultDouble;

/// <summary>Checks start-up options, reporting every problem at once, and returns a normalised copy.</summary>
internal static class VaultDoubleOptionsValidator
{
    // Paths Vault reserves for itself; a KV mount there would shadow them.
    private static readonly string[] ReservedMounts = ["sys", "auth", "cubbyhole", "identity"];

    /// <summary>Validates and copies <paramref name="options"/> with mount names trimmed of slashes.</summary>
    /// <exception cref="InvalidOperationException">Something is wrong; the message lists every problem.</exception>
    public static VaultDoubleOptions Normalize(VaultDoubleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.RootToken))
        {
            errors.Add("VaultDouble:RootToken must be set.");
        }

        var mounts = (options.KvV2Mounts ?? []).Select(static m => m?.Trim().Trim('/') ?? "").ToList();
        if (mounts.Exists(static m => m.Length == 0))
        {
            errors.Add("VaultDouble:KvV2Mounts must not contain empty names.");
        }

        foreach (var reserved in mounts.Where(m => ReservedMounts.Contains(m.Split('/')[0])))
        {
            errors.Add($"VaultDouble:KvV2Mounts: '{reserved}' is reserved by Vault.");
        }

        foreach (var duplicate in mounts.GroupBy(static m => m, StringComparer.Ordinal).Where(static g => g.Count() > 1))
        {
            errors.Add($"VaultDouble:KvV2Mounts lists '{duplicate.Key}' twice.");
        }

        var appRole = options.AppRoleMount?.Trim().Trim('/') ?? "";
        var kubernetes = options.KubernetesMount?.Trim().Trim('/') ?? "";
        if (appRole.Length == 0 || kubernetes.Length == 0)
        {
            errors.Add("VaultDouble:AppRoleMount and VaultDouble:KubernetesMount must be set.");
        }
        else if (appRole == kubernetes || appRole == "token" || kubernetes == "token")
        {
            errors.Add("VaultDouble:AppRoleMount and VaultDouble:KubernetesMount must differ from each other and from 'token'.");
        }

        if (errors.Count > 0)
        {
            throw new InvalidOperationException("Invalid Vault test double options: " + string.Join(" ", errors));
        }

        return new VaultDoubleOptions
        {
            RootToken = options.RootToken,
            KvV2Mounts = mounts,
            PolicyDirectory = string.IsNullOrWhiteSpace(options.PolicyDirectory) ? null : options.PolicyDirectory,
            AppRoleMount = appRole,
            KubernetesMount = kubernetes,
        };
    }
}

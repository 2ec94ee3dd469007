namespace AiGateway.VaultDouble;

/// <summary>Finds the backend whose mount prefix is the longest prefix of a path, as Vault's router does.</summary>
internal sealed class MountTable(IEnumerable<IVaultBackend> backends)
{
    private readonly IVaultBackend[] _backends = [.. backends.OrderByDescending(static b => b.Prefix.Length)];

    public bool TryMatch(string path, out IVaultBackend? backend, out string subPath)
    {
        foreach (var candidate in _backends)
        {
            if (path.StartsWith(candidate.Prefix, StringComparison.Ordinal))
            {
                backend = candidate;
                subPath = path[candidate.Prefix.Length..];
                return true;
            }
        }

        backend = null;
        subPath = "";
        return false;
    }
}

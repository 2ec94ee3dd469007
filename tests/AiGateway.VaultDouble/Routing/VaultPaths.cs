namespace AiGateway.VaultDouble;

/// <summary>Path rules of Vault's HTTP layer shared by the middleware and the request factory.</summary>
internal static class VaultPaths
{
    public const string ApiPrefix = "/v1/";

    /// <summary>Collapses runs of slashes into one, as hvac and Vault's own handler do.</summary>
    public static string CollapseSlashes(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!path.Contains("//", StringComparison.Ordinal))
        {
            return path;
        }

        var builder = new System.Text.StringBuilder(path.Length);
        foreach (var c in path)
        {
            if (c != '/' || builder.Length == 0 || builder[^1] != '/')
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>Whether a raw request path is <c>/v1/sys/health</c>, which faults and the seal leave alone.</summary>
    public static bool IsHealth(string rawPath) =>
        string.Equals(CollapseSlashes(rawPath), ApiPrefix + SysHealthHandler.Path, StringComparison.Ordinal);
}

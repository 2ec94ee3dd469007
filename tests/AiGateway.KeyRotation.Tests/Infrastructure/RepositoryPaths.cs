namespace AiGateway.KeyRotation.Tests.Infrastructure;

/// <summary>Locates the repository (for the shipped Vault policies) and makes throw-away folders.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The ACL policies shipped in <c>policies/vault</c>; tests load them unchanged.</summary>
    public static string VaultPolicies => Path.Combine(Root, "policies", "vault");

    public static string NewTempFolder(string purpose)
    {
        var path = Path.Combine(Path.GetTempPath(), "aigw-tests", $"{purpose}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return path;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AiGateway.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("AiGateway.sln not found above the test output folder.");
    }
}

namespace AiGateway.VaultDouble.Tests;

/// <summary>Finds the repository root (the folder holding AiGateway.sln) by walking up from the test binaries.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    public static string VaultPolicies => System.IO.Path.Combine(Path, "policies", "vault");

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "AiGateway.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"AiGateway.sln not found above {AppContext.BaseDirectory}.");
    }
}

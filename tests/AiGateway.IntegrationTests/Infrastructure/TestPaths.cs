namespace AiGateway.IntegrationTests.Infrastructure;

/// <summary>Locates the repository (for the shipped policies) and makes throw-away folders.</summary>
public static class TestPaths
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string ShippedPolicies => Path.Combine(RepositoryRoot, "policies");

    public static string NewTempFolder(string purpose)
    {
        var path = Path.Combine(Path.GetTempPath(), "aigw-tests", $"{purpose}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>
    /// A copy of the shipped policies with the TPM/RPM limits, budgets and spend breakers taken out, for tests
    /// that push more traffic than the example limits allow and are not about limits.
    /// </summary>
    public static string CopyOfShippedPoliciesWithoutLimits()
    {
        var folder = CopyOfShippedPolicies();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(folder, "teams"), "*.json"))
        {
            var node = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(file))!.AsObject();
            node.Remove("limits");
            node.Remove("budget");
            node.Remove("breaker");
            File.WriteAllText(file, node.ToJsonString());
        }
        return folder;
    }

    /// <summary>A copy of the shipped policies where the named team files are replaced by the given JSON.</summary>
    public static string PoliciesWith(params (string Team, string Json)[] teams)
    {
        var folder = CopyOfShippedPoliciesWithoutLimits();
        foreach (var (team, json) in teams)
        {
            File.WriteAllText(Path.Combine(folder, "teams", team + ".json"), json);
        }
        return folder;
    }

    /// <summary>A private copy of the shipped policies, for tests that edit them.</summary>
    public static string CopyOfShippedPolicies()
    {
        var target = NewTempFolder("policies");
        foreach (var file in Directory.EnumerateFiles(ShippedPolicies, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(ShippedPolicies, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
        return target;
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

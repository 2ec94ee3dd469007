namespace AiGateway.Policies;

/// <summary>Finds the policy folder when <see cref="PoliciesOptions.Path"/> is not set.</summary>
internal static class PolicyPathResolver
{
    public static string Resolve(string? configured, string contentRoot)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured, contentRoot);
        }
        foreach (var start in new[] { contentRoot, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "policies");
                if (Directory.Exists(Path.Combine(candidate, PolicyLoader.TeamsFolder)))
                {
                    return candidate;
                }
            }
        }
        throw new PolicyValidationException(
            [$"No 'policies/teams' folder found above '{contentRoot}'. Set Policies:Path (env Policies__Path) to your policy folder."]);
    }
}

namespace AiGateway.Admin;

/// <summary>Wire names of <see cref="AdminRole"/>: admin, team-admin, finance, viewer.</summary>
public static class AdminRoleNames
{
    public static string ToName(AdminRole role) => role switch
    {
        AdminRole.Admin => "admin",
        AdminRole.TeamAdmin => "team-admin",
        AdminRole.Finance => "finance",
        AdminRole.Viewer => "viewer",
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };

    public static bool TryParse(string? name, out AdminRole role)
    {
        foreach (var candidate in Enum.GetValues<AdminRole>())
        {
            if (string.Equals(ToName(candidate), name, StringComparison.Ordinal))
            {
                role = candidate;
                return true;
            }
        }
        role = default;
        return false;
    }
}

using Microsoft.AspNetCore.Authorization;

namespace AiGateway.Admin;

/// <summary>Authorization policy names of the admin API and the roles each admits.</summary>
internal static class AdminPolicies
{
    public const string Scheme = "AdminBearer";
    public const string TeamClaim = "aigw:team";

    public const string ManageCredentials = "admin.credentials";
    public const string ManageTokens = "admin.tokens.write";
    public const string ReadTokens = "admin.tokens.read";
    public const string ReadPolicies = "admin.policies.read";
    public const string ReloadPolicies = "admin.policies.reload";
    public const string ReadSpend = "admin.spend.read";
    public const string ManageBreakers = "admin.breakers.write";

    public static void Configure(AuthorizationOptions options)
    {
        Add(options, ManageCredentials, AdminRole.Admin);
        Add(options, ManageTokens, AdminRole.Admin, AdminRole.TeamAdmin);
        Add(options, ReadTokens, AdminRole.Admin, AdminRole.TeamAdmin, AdminRole.Finance, AdminRole.Viewer);
        Add(options, ReadPolicies, AdminRole.Admin, AdminRole.TeamAdmin, AdminRole.Finance, AdminRole.Viewer);
        Add(options, ReloadPolicies, AdminRole.Admin);
        Add(options, ReadSpend, AdminRole.Admin, AdminRole.Finance);
        Add(options, ManageBreakers, AdminRole.Admin);
    }

    private static void Add(AuthorizationOptions options, string name, params AdminRole[] roles)
    {
        options.AddPolicy(name, policy => policy
            .AddAuthenticationSchemes(Scheme)
            .RequireAuthenticatedUser()
            .RequireRole(roles.Select(AdminRoleNames.ToName)));
    }
}

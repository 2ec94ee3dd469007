using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AiGateway.Admin;

/// <summary>Maps the admin API under <c>/admin</c>; Hosting confines the returned group to the admin listener.</summary>
internal static class AdminEndpointRouteBuilderExtensions
{
    public static RouteGroupBuilder MapAdminApi(this IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.MapGroup("/admin")
            .RequireAuthorization(AdminPolicies.ReadPolicies);

        admin.MapGet("/whoami", (HttpContext context) => Results.Json(new WhoAmIResponse(
            AdminHttp.Actor(context.User),
            context.User.Identity?.Name ?? "",
            AdminHttp.RoleName(context.User) ?? "",
            context.User.FindFirst(AdminPolicies.TeamClaim)?.Value), AdminJsonContext.Default.WhoAmIResponse));

        TokenAdminEndpoints.Map(admin);
        CredentialAdminEndpoints.Map(admin);
        PolicyAdminEndpoints.Map(admin);
        SpendAdminEndpoints.Map(admin);
        AiGateway.Dashboard.DashboardEndpoints.MapFinanceDashboard(admin);
        return admin;
    }
}

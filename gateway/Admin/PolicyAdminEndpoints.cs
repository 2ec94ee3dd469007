using AiGateway.Keys;
using AiGateway.Policies;
using AiGateway.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AiGateway.Admin;

/// <summary><c>/admin/policies</c>: what is in force (and whether each team's key is loaded), and a reload.</summary>
internal static class PolicyAdminEndpoints
{
    public static void Map(RouteGroupBuilder admin)
    {
        admin.MapGet("/policies", (IPolicyProvider policies, IUpstreamKeyProvider keys) =>
        {
            var snapshot = policies.Current;
            var views = snapshot.Teams.OrderBy(t => t.Team, StringComparer.Ordinal).Select(t => new PolicyView(
                t.Team, t.Description, t.ModelPatterns,
                Enum.GetValues<GatewayEndpoint>().Where(e => e != GatewayEndpoint.None && t.Allows(e)).Select(GatewayEndpointNames.ToName).ToList(),
                t.UpstreamKey, keys.GetKey(t.UpstreamKey) is not null, t.SourceFile)).ToList();
            return Results.Json(new PolicyListResponse(snapshot.Version, snapshot.LoadedAt, views), AdminJsonContext.Default.PolicyListResponse);
        }).RequireAuthorization(AdminPolicies.ReadPolicies);

        admin.MapPost("/policies/reload", (HttpContext context, IPolicyProvider policies, AuditLog audit) =>
        {
            var result = policies.Reload();
            audit.AdminAction(AdminHttp.Actor(context.User), "policies.reload", $"version:{result.Snapshot.Version}", result.Succeeded ? "ok" : "rejected");
            return Results.Json(new PolicyReloadResponse(result.Succeeded, result.Snapshot.Version, result.Errors),
                AdminJsonContext.Default.PolicyReloadResponse,
                statusCode: result.Succeeded ? StatusCodes.Status200OK : StatusCodes.Status422UnprocessableEntity);
        }).RequireAuthorization(AdminPolicies.ReloadPolicies);
    }
}

using AiGateway.Auth;
using AiGateway.Policies;
using AiGateway.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AiGateway.Admin;

/// <summary><c>/admin/credentials</c>: admins create (secret shown once), list and revoke admin API credentials.</summary>
internal static class CredentialAdminEndpoints
{
    public static void Map(RouteGroupBuilder admin)
    {
        var credentials = admin.MapGroup("/credentials").RequireAuthorization(AdminPolicies.ManageCredentials);
        credentials.MapPost("", CreateAsync);
        credentials.MapGet("", (AdminCredentialStore store) => Results.Json(
            new CredentialListResponse(store.All.Select(CredentialView.From).ToList()), AdminJsonContext.Default.CredentialListResponse));
        credentials.MapDelete("/{id}", RevokeAsync);
    }

    private static async Task<IResult> CreateAsync(HttpContext context, AdminCredentialStore store, TokenHasher hasher,
        IPolicyProvider policies, AuditLog audit, TimeProvider time)
    {
        var (request, error) = await AdminHttp.ReadBodyAsync(context, AdminJsonContext.Default.CreateCredentialRequest).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }
        if (string.IsNullOrWhiteSpace(request!.Name) || request.Name.Length > 64)
        {
            return AdminHttp.BadRequest("'name' is required (at most 64 characters): who or what uses this credential.", "name");
        }
        if (!AdminRoleNames.TryParse(request.Role, out var role))
        {
            return AdminHttp.BadRequest("'role' must be one of: admin, team-admin, finance, viewer.", "role");
        }
        if (role == AdminRole.TeamAdmin && (request.Team is null || policies.Current.Find(request.Team) is null))
        {
            return AdminHttp.BadRequest("A team-admin needs 'team' naming a team with a policy.", "team");
        }

        var secret = TokenFormat.Generate(TokenFormat.AdminPrefix);
        var record = new AdminCredentialRecord
        {
            Id = "adm_" + Base62.Random(16),
            Name = request.Name,
            Role = role,
            Team = role == AdminRole.TeamAdmin ? request.Team : null,
            Hash = hasher.Hash(secret),
            CreatedAt = time.GetUtcNow(),
            CreatedBy = AdminHttp.Actor(context.User),
        };
        await store.AddAsync(record, context.RequestAborted).ConfigureAwait(false);
        audit.AdminAction(AdminHttp.Actor(context.User), "credential.create", record.Id, "ok");
        return Results.Json(new CreatedCredentialResponse(record.Id, secret, record.Name, AdminRoleNames.ToName(role), record.Team, record.CreatedAt),
            AdminJsonContext.Default.CreatedCredentialResponse, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> RevokeAsync(string id, HttpContext context, AdminCredentialStore store, AuditLog audit, TimeProvider time)
    {
        var revoked = await store.RevokeAsync(id, time.GetUtcNow(), context.RequestAborted).ConfigureAwait(false);
        audit.AdminAction(AdminHttp.Actor(context.User), "credential.revoke", id, revoked is null ? "not_found" : "ok");
        return revoked is null ? AdminHttp.NotFound("credential") : Results.NoContent();
    }
}

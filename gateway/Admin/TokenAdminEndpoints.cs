using System.Security.Claims;
using System.Text.RegularExpressions;
using AiGateway.Auth;
using AiGateway.Policies;
using AiGateway.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace AiGateway.Admin;

/// <summary>
/// <c>/admin/tokens</c>: issue (secret shown once), list, read, revoke, suspend and reinstate caller
/// tokens. Team admins reach only their own team's tokens. Every change is audited.
/// </summary>
internal static partial class TokenAdminEndpoints
{
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex AppName();

    public static void Map(RouteGroupBuilder admin)
    {
        var tokens = admin.MapGroup("/tokens");
        tokens.MapPost("", CreateAsync).RequireAuthorization(AdminPolicies.ManageTokens);
        tokens.MapGet("", ListAsync).RequireAuthorization(AdminPolicies.ReadTokens);
        tokens.MapGet("/{id}", GetAsync).RequireAuthorization(AdminPolicies.ReadTokens);
        tokens.MapPost("/lookup", LookupAsync).RequireAuthorization(AdminPolicies.ManageTokens);
        tokens.MapDelete("/{id}", (string id, HttpContext c, ITokenStore s, AuditLog a, TimeProvider t)
            => ChangeStatusAsync(id, TokenStatus.Revoked, null, "token.revoke", c, s, a, t)).RequireAuthorization(AdminPolicies.ManageTokens);
        tokens.MapPost("/{id}/suspend", SuspendAsync).RequireAuthorization(AdminPolicies.ManageTokens);
        tokens.MapPost("/{id}/reinstate", ReinstateAsync).RequireAuthorization(AdminPolicies.ManageTokens);
    }

    private static async Task<IResult> CreateAsync(HttpContext context, TokenIssuer issuer, IPolicyProvider policies,
        IOptions<AuthOptions> authOptions, AuditLog audit)
    {
        var (request, error) = await AdminHttp.ReadBodyAsync(context, AdminJsonContext.Default.CreateTokenRequest).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }
        var user = context.User;
        var options = authOptions.Value;
        if (string.IsNullOrWhiteSpace(request!.Team) || policies.Current.Find(request.Team) is null)
        {
            return AdminHttp.BadRequest($"'team' must name a team with a policy; known teams: {string.Join(", ", policies.Current.Teams.Select(t => t.Team).Order(StringComparer.Ordinal))}.", "team");
        }
        if (AdminHttp.ConfinedTeam(user) is { } confined && confined != request.Team)
        {
            audit.AdminAction(AdminHttp.Actor(user), "token.create", $"team:{request.Team}", "denied");
            return AdminHttp.Forbidden("A team-admin can issue tokens only for its own team.");
        }
        if (string.IsNullOrWhiteSpace(request.App) || !AppName().IsMatch(request.App))
        {
            return AdminHttp.BadRequest("'app' is required: 1-64 letters, digits, '.', '_' or '-', naming the calling application.", "app");
        }
        var days = request.ExpiresInDays ?? options.DefaultExpiresInDays;
        if (request.ExpiresInDays is not null && (days < 1 || days > options.MaxExpiresInDays))
        {
            return AdminHttp.BadRequest($"'expiresInDays' must be between 1 and {options.MaxExpiresInDays}.", "expiresInDays");
        }

        var team = policies.Current.Find(request.Team)!;
        if (request.Scopes is { } scopes)
        {
            var invalid = scopes.FirstOrDefault(s => !GatewayEndpointNames.TryParse(s ?? "", out var endpoint) || !team.Allows(endpoint));
            if (scopes.Count == 0 || invalid is not null || scopes.Distinct(StringComparer.Ordinal).Count() != scopes.Count)
            {
                return AdminHttp.BadRequest($"'scopes' must list distinct endpoints the team may use: {string.Join(", ", GatewayEndpointNames.All.Where(n => GatewayEndpointNames.TryParse(n, out var e) && team.Allows(e)))}.", "scopes");
            }
        }

        var issued = await issuer.IssueAsync(request.Team, request.App, days > 0 ? TimeSpan.FromDays(days) : null,
            request.Scopes, AdminHttp.Actor(user), context.RequestAborted).ConfigureAwait(false);
        audit.AdminAction(AdminHttp.Actor(user), "token.create", issued.Record.Id, "ok");
        var record = issued.Record;
        return Results.Json(new CreatedTokenResponse(record.Id, issued.Secret, record.Team, record.App, record.ExpiresAt, record.CreatedAt, record.Scopes),
            AdminJsonContext.Default.CreatedTokenResponse, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> ListAsync(string? team, HttpContext context, ITokenStore store, TimeProvider time)
    {
        var confined = AdminHttp.ConfinedTeam(context.User);
        if (confined is not null && team is not null && team != confined)
        {
            return AdminHttp.Forbidden("A team-admin can list only its own team's tokens.");
        }
        var records = await store.ListAsync(confined ?? team, context.RequestAborted).ConfigureAwait(false);
        var now = time.GetUtcNow();
        return Results.Json(new TokenListResponse(records.OrderBy(r => r.CreatedAt).Select(r => TokenView.From(r, now)).ToList()),
            AdminJsonContext.Default.TokenListResponse);
    }

    private static async Task<IResult> GetAsync(string id, HttpContext context, ITokenStore store, TimeProvider time)
    {
        var record = await store.GetAsync(id, context.RequestAborted).ConfigureAwait(false);
        if (record is null || !CanSee(context.User, record))
        {
            return AdminHttp.NotFound("token");
        }
        return Results.Json(TokenView.From(record, time.GetUtcNow()), AdminJsonContext.Default.TokenView);
    }

    /// <summary>
    /// Finds a token by its secret (hashed here, never stored or logged), so a secret found by a leak
    /// scanner can be traced to its id, team and app and revoked.
    /// </summary>
    private static async Task<IResult> LookupAsync(HttpContext context, ITokenStore store, TokenHasher hasher, AuditLog audit, TimeProvider time)
    {
        var (request, error) = await AdminHttp.ReadBodyAsync(context, AdminJsonContext.Default.TokenLookupRequest).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }
        if (request!.Token is not { } secret || !TokenFormat.IsWellFormed(secret))
        {
            return AdminHttp.BadRequest("'token' must be a caller token (aigw_..., checksum valid).", "token");
        }
        var record = await store.FindByHashAsync(hasher.Hash(secret), context.RequestAborted).ConfigureAwait(false);
        var found = record is not null && CanSee(context.User, record);
        audit.AdminAction(AdminHttp.Actor(context.User), "token.lookup", found ? record!.Id : "-", found ? "ok" : "not_found");
        return found
            ? Results.Json(TokenView.From(record!, time.GetUtcNow()), AdminJsonContext.Default.TokenView)
            : AdminHttp.NotFound("token");
    }

    private static async Task<IResult> SuspendAsync(string id, HttpContext context, ITokenStore store, AuditLog audit, TimeProvider time)
    {
        string? reason = null;
        if (context.Request.ContentLength > 0)
        {
            var (request, error) = await AdminHttp.ReadBodyAsync(context, AdminJsonContext.Default.SuspendTokenRequest).ConfigureAwait(false);
            if (error is not null)
            {
                return error;
            }
            reason = request!.Reason;
        }
        return await ChangeStatusAsync(id, TokenStatus.Suspended, reason ?? "suspended by admin", "token.suspend", context, store, audit, time).ConfigureAwait(false);
    }

    /// <summary>Reinstating also closes the token's spend-velocity breaker, if that is what suspended it.</summary>
    private static async Task<IResult> ReinstateAsync(string id, HttpContext context, ITokenStore store, Spend.ISpendStore spend, AuditLog audit, TimeProvider time)
    {
        var result = await ChangeStatusAsync(id, TokenStatus.Active, "reinstated", "token.reinstate", context, store, audit, time).ConfigureAwait(false);
        if (await store.GetAsync(id, context.RequestAborted).ConfigureAwait(false) is { Status: TokenStatus.Active } record && CanSee(context.User, record)
            && await spend.ResetBreakerAsync(record.Team, id, context.RequestAborted).ConfigureAwait(false))
        {
            audit.AdminAction(AdminHttp.Actor(context.User), "breaker.reset", record.Team + "/" + id, "ok");
        }
        return result;
    }

    private static async Task<IResult> ChangeStatusAsync(string id, TokenStatus status, string? reason, string action,
        HttpContext context, ITokenStore store, AuditLog audit, TimeProvider time)
    {
        var actor = AdminHttp.Actor(context.User);
        var record = await store.GetAsync(id, context.RequestAborted).ConfigureAwait(false);
        if (record is null || !CanSee(context.User, record))
        {
            audit.AdminAction(actor, action, id, "not_found");
            return AdminHttp.NotFound("token");
        }
        if (record.Status == TokenStatus.Revoked && status != TokenStatus.Revoked)
        {
            audit.AdminAction(actor, action, id, "refused_revoked");
            return AdminHttp.Error(new Errors.GatewayError(409, "invalid_request_error", "token_revoked", "The token is revoked; revocation is final. Issue a new token."));
        }
        var updated = await store.SetStatusAsync(id, status, reason, time.GetUtcNow(), context.RequestAborted).ConfigureAwait(false);
        audit.AdminAction(actor, action, id, updated is null ? "not_found" : "ok");
        if (updated is null)
        {
            return AdminHttp.NotFound("token");
        }
        return status == TokenStatus.Revoked
            ? Results.NoContent()
            : Results.Json(TokenView.From(updated, time.GetUtcNow()), AdminJsonContext.Default.TokenView);
    }

    private static bool CanSee(ClaimsPrincipal user, TokenRecord record) =>
        AdminHttp.ConfinedTeam(user) is not { } confined || confined == record.Team;
}

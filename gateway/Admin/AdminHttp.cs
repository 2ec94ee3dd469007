using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using AiGateway.Errors;
using Microsoft.AspNetCore.Http;

namespace AiGateway.Admin;

/// <summary>Small helpers shared by the admin endpoints: body reading with OpenAI-shaped errors, and who is calling.</summary>
internal static class AdminHttp
{
    private const int MaxBodyBytes = 64 * 1024;

    public static async Task<(T? Value, IResult? Error)> ReadBodyAsync<T>(HttpContext context, JsonTypeInfo<T> typeInfo)
        where T : class
    {
        if (context.Request.ContentLength > MaxBodyBytes)
        {
            return (null, Error(GatewayErrors.RequestTooLarge));
        }
        try
        {
            var value = await JsonSerializer.DeserializeAsync(context.Request.Body, typeInfo, context.RequestAborted).ConfigureAwait(false);
            return value is null ? (null, BadRequest("The body must be a JSON object.", null)) : (value, null);
        }
        catch (JsonException ex)
        {
            var param = ex.Path is { Length: > 2 } path ? path.TrimStart('$', '.') : null;
            return (null, BadRequest($"The body is not valid JSON for this call: {ex.Message}", param));
        }
    }

    public static IResult Error(GatewayError error) => new GatewayErrorResult(error);

    public static IResult BadRequest(string message, string? param) =>
        Error(new GatewayError(400, "invalid_request_error", "invalid_request", message, param));

    public static IResult NotFound(string what) =>
        Error(new GatewayError(404, "invalid_request_error", "not_found", $"No {what} with that id."));

    public static IResult Forbidden(string message) =>
        Error(new GatewayError(403, "invalid_request_error", "insufficient_role", message));

    public static string Actor(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "unknown";

    public static string? RoleName(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.Role);

    /// <summary>The team a team-admin is confined to; null for roles that see every team.</summary>
    public static string? ConfinedTeam(ClaimsPrincipal user) =>
        RoleName(user) == AdminRoleNames.ToName(AdminRole.TeamAdmin) ? user.FindFirstValue(AdminPolicies.TeamClaim) ?? "" : null;

    private sealed class GatewayErrorResult(GatewayError error) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext) => ErrorResponseWriter.WriteAsync(httpContext, error);
    }
}

using System.Text.Json.Nodes;

namespace AiGateway.VaultDouble;

/// <summary>A status and an optional JSON body; the HTTP layer writes it with Vault's headers.</summary>
internal sealed class VaultResponse
{
    private VaultResponse(int statusCode, JsonNode? body)
    {
        StatusCode = statusCode;
        Body = body;
    }

    public int StatusCode { get; }

    /// <summary>The JSON body; null for <c>204 No Content</c>.</summary>
    public JsonNode? Body { get; }

    public static VaultResponse NoContent() => new(204, null);

    public static VaultResponse Ok(JsonNode body) => new(200, body);

    public static VaultResponse WithStatus(int statusCode, JsonNode body) => new(statusCode, body);

    /// <summary><c>{"errors":[...]}</c>; with no message the array is empty, as in Vault's plain 404.</summary>
    public static VaultResponse Error(int statusCode, params string[] errors) =>
        new(statusCode, new JsonObject { ["errors"] = new JsonArray([.. errors.Select(static e => (JsonNode?)JsonValue.Create(e))]) });

    /// <summary>The plain 404: <c>{"errors":[]}</c>.</summary>
    public static VaultResponse NotFound() => Error(404);

    /// <summary>403 with the multierror text a valid token without the capability gets.</summary>
    public static VaultResponse PermissionDenied() => Error(403, VaultErrors.MultiError(VaultErrors.PermissionDenied));

    /// <summary>403 naming both failures, as Vault answers an invalid, expired or revoked token.</summary>
    public static VaultResponse InvalidToken() => Error(403, VaultErrors.MultiError(VaultErrors.PermissionDenied, VaultErrors.InvalidToken));

    public static VaultResponse UnsupportedOperation() => Error(405, VaultErrors.UnsupportedOperation);

    public static VaultResponse BadRequest(string message) => Error(400, message);
}

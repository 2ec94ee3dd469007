using System.Text.Json.Nodes;

namespace AiGateway.VaultDouble;

/// <summary>
/// Builds the response envelope every Vault JSON success body shares (WIRE-FACTS A.0): all keys always present,
/// nulls included, because real clients map them one to one.
/// </summary>
internal static class VaultEnvelope
{
    public const string KvMountType = "kv";
    public const string TokenMountType = "token";

    /// <param name="data">The endpoint payload, or null.</param>
    /// <param name="auth">The <c>auth</c> object of logins and renewals, or null.</param>
    /// <param name="warnings">Warnings, or null (serialized as <c>null</c>, not <c>[]</c>, as Vault does).</param>
    /// <param name="mountType">
    /// The engine type (<c>kv</c>, <c>token</c>, ...). Bodies a plugin writes with a raw status code carry <c>""</c>.
    /// </param>
    public static JsonObject Create(JsonNode? data, JsonObject? auth, IReadOnlyList<string>? warnings, string mountType) => new()
    {
        ["request_id"] = RandomIds.Uuid(),
        ["lease_id"] = "",
        ["renewable"] = false,
        ["lease_duration"] = 0,
        ["data"] = data,
        ["wrap_info"] = null,
        ["warnings"] = warnings is null ? null : new JsonArray([.. warnings.Select(static w => (JsonNode?)JsonValue.Create(w))]),
        ["auth"] = auth,
        ["mount_type"] = mountType,
    };
}

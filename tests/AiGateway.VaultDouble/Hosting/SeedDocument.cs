using System.Text.Json.Serialization;

namespace AiGateway.VaultDouble;

/// <summary>
/// The standalone seed file: <c>{"secrets":{"&lt;mount&gt;/&lt;path&gt;":{"field":"value"}},
/// "approle":{"&lt;role&gt;":{"role_id","secret_id","policies","ttl","max_ttl"}}}</c>.
/// </summary>
internal sealed class SeedDocument
{
    [JsonPropertyName("secrets")]
    public Dictionary<string, Dictionary<string, string>>? Secrets { get; set; }

    [JsonPropertyName("approle")]
    public Dictionary<string, SeedAppRole>? AppRoles { get; set; }
}

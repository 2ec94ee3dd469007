using System.Text.Json.Serialization;

namespace AiGateway.VaultDouble;

/// <summary>One AppRole of the seed file, with fixed credentials so a local stack can be configured ahead of time.</summary>
internal sealed class SeedAppRole
{
    [JsonPropertyName("role_id")]
    public string? RoleId { get; set; }

    /// <summary>Generated (and printed) when omitted.</summary>
    [JsonPropertyName("secret_id")]
    public string? SecretId { get; set; }

    [JsonPropertyName("policies")]
    public List<string>? Policies { get; set; }

    /// <summary>Token TTL as a Go duration; default <c>1h</c>.</summary>
    [JsonPropertyName("ttl")]
    public string? Ttl { get; set; }

    [JsonPropertyName("max_ttl")]
    public string? MaxTtl { get; set; }
}

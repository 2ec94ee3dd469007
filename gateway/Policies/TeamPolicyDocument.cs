using System.Text.Json.Serialization;

namespace AiGateway.Policies;

/// <summary>One file in <c>policies/teams/</c>, as written by people. Compiled into a <see cref="TeamPolicy"/>.</summary>
public sealed class TeamPolicyDocument
{
    [JsonPropertyName("$schema")]
    public string? Schema { get; set; }

    [JsonPropertyName("_doc")]
    public string? Doc { get; set; }

    public string? Team { get; set; }

    public string? Description { get; set; }

    /// <summary>Exact model names and <c>*</c> globs.</summary>
    public List<string>? Models { get; set; }

    /// <summary>Endpoint names: chat, completions, embeddings, models.</summary>
    public List<string>? Endpoints { get; set; }

    /// <summary>Reference of the team's upstream key (a Vault KV path such as <c>creds/rag-production</c>).</summary>
    public string? UpstreamKey { get; set; }
}

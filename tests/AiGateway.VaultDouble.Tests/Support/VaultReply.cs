using System.Net;
using System.Text.Json.Nodes;

namespace AiGateway.VaultDouble.Tests;

/// <summary>What the double answered: status, the two headers Vault clients depend on, and the raw body.</summary>
internal sealed record VaultReply(HttpStatusCode Status, string? ContentType, string? CacheControl, string Body)
{
    public int Code => (int)Status;

    public JsonNode Json => JsonNode.Parse(Body) ?? throw new InvalidOperationException("The body is JSON null.");

    /// <summary>The single error message of an error body.</summary>
    public string SingleError => Assert.Single(Json["errors"]!.AsArray())!.GetValue<string>();
}

using System.Text.Json.Nodes;

namespace AiGateway.VaultDouble;

/// <summary>A request reduced to what Vault's logical layer sees; no HTTP types, so handlers are testable alone.</summary>
internal sealed class VaultRequest
{
    public required VaultOperation Operation { get; init; }

    /// <summary>
    /// Path after <c>/v1/</c>: no leading slash, double slashes collapsed, namespace prefix applied, and a trailing
    /// slash on every LIST (as Vault adds one).
    /// </summary>
    public required string Path { get; init; }

    public required IReadOnlyDictionary<string, string> Query { get; init; }

    /// <summary>The JSON body, or null when the request had none (an empty body is not an error).</summary>
    public JsonObject? Body { get; init; }

    /// <summary>The client token from <c>X-Vault-Token</c> or <c>Authorization: Bearer</c>; null when absent.</summary>
    public string? Token { get; init; }
}

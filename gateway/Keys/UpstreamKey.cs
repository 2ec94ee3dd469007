namespace AiGateway.Keys;

/// <summary>
/// A team's upstream API key as held in memory. <see cref="ToString"/> is redacted so the value cannot
/// reach a log by accident; the only reader of <see cref="AuthorizationHeaderValue"/> is the credential transform.
/// </summary>
public sealed class UpstreamKey
{
    public UpstreamKey(string keyRef, string value, string? keyId, int? version, DateTimeOffset loadedAt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        KeyRef = keyRef;
        KeyId = keyId;
        Version = version;
        LoadedAt = loadedAt;
        // Built once per key load, not per request. Values read from stores may end in a newline.
        AuthorizationHeaderValue = "Bearer " + value.Trim();
    }

    /// <summary>Where the key came from (a policy's <c>upstreamKey</c>).</summary>
    public string KeyRef { get; }

    /// <summary>The provider's id for the key, when known; safe to log.</summary>
    public string? KeyId { get; }

    /// <summary>Store version (Vault KV version), when known.</summary>
    public int? Version { get; }

    public DateTimeOffset LoadedAt { get; }

    internal string AuthorizationHeaderValue { get; }

    public override string ToString() => $"UpstreamKey {{ KeyRef = {KeyRef}, KeyId = {KeyId ?? "?"}, Version = {Version?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"} }}";
}

namespace AiGateway.Auth;

/// <summary>Settings for caller tokens (section <c>Auth</c>).</summary>
public sealed class AuthOptions
{
    public const string SectionName = "Auth";

    /// <summary>
    /// Base64 key (at least 32 bytes) for the HMAC that stores token hashes. Every replica sharing a
    /// token store must use the same key. Default: generated once into <c>token-hash.key</c> in the data folder.
    /// </summary>
    public string? TokenHashKey { get; set; }

    /// <summary>Longest lifetime an admin may give a new token, in days. Default 365.</summary>
    public int MaxExpiresInDays { get; set; } = 365;

    /// <summary>Lifetime of a token issued without <c>expiresInDays</c>, in days; 0 = no expiry. Default 90.</summary>
    public int DefaultExpiresInDays { get; set; } = 90;
}

using System.Security.Cryptography;

namespace AiGateway.VaultDouble;

/// <summary>Random identifiers shaped like Vault's, so clients that log or validate them see familiar values.</summary>
internal static class RandomIds
{
    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /// <summary>A lower-case UUID, like Vault's request, entity and role ids.</summary>
    public static string Uuid() => Guid.NewGuid().ToString("D");

    /// <summary>A service token with the <c>hvs.</c> prefix Vault 1.10+ uses (secret scanners key on it).</summary>
    public static string ServiceToken() => "hvs." + RandomNumberGenerator.GetString(Base62, 24);

    /// <summary>A token accessor: 24 base62 characters, as Vault issues them.</summary>
    public static string Accessor() => RandomNumberGenerator.GetString(Base62, 24);
}

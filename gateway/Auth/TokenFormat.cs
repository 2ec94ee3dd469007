namespace AiGateway.Auth;

/// <summary>
/// The shape of an internal caller token: <c>aigw_</c> + 30 random base62 characters + a 6-character
/// base62 CRC-32 of the random part. The fixed prefix lets secret scanners find leaked tokens and the
/// checksum lets them (and us) reject typos and guesses without touching any store.
/// </summary>
public static class TokenFormat
{
    /// <summary>Every caller token starts with this.</summary>
    public const string Prefix = "aigw_";

    /// <summary>Admin API credentials start with this, so a leaked one is told apart from a caller token.</summary>
    public const string AdminPrefix = "aigwadm_";

    internal const int RandomLength = 30; // 62^30 ≈ 2^178: guessing is not an attack.
    internal const int ChecksumLength = 6; // 62^6 > 2^32, so any CRC-32 fits.

    /// <summary>Total length of a well-formed caller token.</summary>
    public const int Length = 5 + RandomLength + ChecksumLength;

    /// <summary>Creates a new random caller token.</summary>
    public static string Generate() => Generate(Prefix);

    /// <summary>Creates a new random token with the given prefix.</summary>
    public static string Generate(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        return string.Create(prefix.Length + RandomLength + ChecksumLength, prefix, static (span, prefix) =>
        {
            prefix.AsSpan().CopyTo(span);
            var random = span.Slice(prefix.Length, RandomLength);
            Base62.FillRandom(random);
            Base62.EncodeFixed(Crc32.Compute(random), span[(prefix.Length + RandomLength)..]);
        });
    }

    /// <summary>True when the text is a caller token: prefix, length, alphabet and a matching checksum.</summary>
    public static bool IsWellFormed(ReadOnlySpan<char> token) => IsWellFormed(token, Prefix);

    /// <summary>True when the text has <paramref name="prefix"/>, the length, the alphabet and a matching checksum.</summary>
    public static bool IsWellFormed(ReadOnlySpan<char> token, string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        if (token.Length != prefix.Length + RandomLength + ChecksumLength || !token.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }
        var body = token[prefix.Length..];
        if (!Base62.IsBase62(body))
        {
            return false;
        }
        Span<char> expected = stackalloc char[ChecksumLength];
        Base62.EncodeFixed(Crc32.Compute(body[..RandomLength]), expected);
        return expected.SequenceEqual(body[RandomLength..]);
    }
}

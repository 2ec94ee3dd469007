using System.Security.Cryptography;
using System.Text;

namespace AiGateway.Auth;

/// <summary>
/// Keyed hash of token secrets. Stores hold only this hash, so a copy of the store (or of Redis)
/// does not hand out working tokens without the server key.
/// </summary>
public sealed class TokenHasher
{
    // One keyed HMAC per thread, reset after each use: keying costs as much as hashing a short token, and the
    // one-shot HMACSHA256.HashData keys afresh on every call (loadtests/results/microbenchmarks.md).
    [ThreadStatic]
    private static KeyedHmac? t_hmac;

    private readonly byte[] _key;

    public TokenHasher(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length < 32)
        {
            throw new ArgumentException("The token hash key must be at least 32 bytes.", nameof(key));
        }
        _key = key;
    }

    public TokenHash Hash(ReadOnlySpan<char> token)
    {
        // Tokens are short ASCII; a stack buffer keeps the hot path allocation-free.
        Span<byte> utf8 = stackalloc byte[128];
        if (token.Length > utf8.Length)
        {
            utf8 = new byte[Encoding.UTF8.GetMaxByteCount(token.Length)];
        }
        var length = Encoding.UTF8.GetBytes(token, utf8);
        Span<byte> mac = stackalloc byte[TokenHash.ByteLength];
        var hmac = ThreadHmac();
        hmac.AppendData(utf8[..length]);
        hmac.GetHashAndReset(mac);
        return TokenHash.FromBytes(mac);
    }

    /// <summary>Constant-time equality, for the final check after a dictionary lookup.</summary>
    public static bool FixedTimeEquals(TokenHash left, TokenHash right)
    {
        Span<byte> a = stackalloc byte[TokenHash.ByteLength];
        Span<byte> b = stackalloc byte[TokenHash.ByteLength];
        left.WriteBytes(a);
        right.WriteBytes(b);
        return CryptographicOperations.FixedTimeEquals(a, b);
    }

    /// <summary>This thread's HMAC keyed with this hasher's key (replaced when another hasher used the thread).</summary>
    private IncrementalHash ThreadHmac()
    {
        var cached = t_hmac;
        if (cached is null || !ReferenceEquals(cached.Owner, this))
        {
            cached?.Hmac.Dispose();
            cached = t_hmac = new KeyedHmac(this, IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _key));
        }
        return cached.Hmac;
    }

    private sealed record KeyedHmac(TokenHasher Owner, IncrementalHash Hmac);
}

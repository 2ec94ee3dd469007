using System.Buffers;
using System.Security.Cryptography;

namespace AiGateway.Auth;

/// <summary>Base62 helpers for token text: letters and digits only, so tokens survive copy and paste and URLs.</summary>
internal static class Base62
{
    internal const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /// <summary>Fills <paramref name="destination"/> with uniformly random base62 characters.</summary>
    public static void FillRandom(Span<char> destination) => RandomNumberGenerator.GetItems(Alphabet, destination);

    public static string Random(int length)
    {
        return string.Create(length, 0, static (span, _) => FillRandom(span));
    }

    /// <summary>Writes <paramref name="value"/> as exactly <paramref name="destination"/>.Length digits, zero-padded.</summary>
    public static void EncodeFixed(uint value, Span<char> destination)
    {
        for (var i = destination.Length - 1; i >= 0; i--)
        {
            destination[i] = Alphabet[(int)(value % 62)];
            value /= 62;
        }
    }

    private static readonly SearchValues<char> AlphabetValues = SearchValues.Create(Alphabet);

    /// <summary>True when every character is an ASCII letter or digit (one vectorised pass).</summary>
    public static bool IsBase62(ReadOnlySpan<char> text) => !text.ContainsAnyExcept(AlphabetValues);
}

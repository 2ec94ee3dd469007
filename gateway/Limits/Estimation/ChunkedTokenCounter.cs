using System.Globalization;
using Microsoft.ML.Tokenizers;

namespace AiGateway.Limits.Estimation;

/// <summary>
/// Counts long text in pieces so that no single tokenizer call sees a long unbroken run of characters.
/// </summary>
/// <remarks>
/// <para>
/// Byte-pair encoding is quadratic in the length of a pre-token: with Microsoft.ML.Tokenizers 2.0.1, 100,000
/// <c>a</c>s take 3.5 s to count and 1,000,000 take over three minutes, and CJK text without punctuation behaves
/// alike. On the hot path that is a denial of service, so text longer than <see cref="HardCutChars"/> is cut into
/// chunks of at most <see cref="WindowChars"/> characters.
/// </para>
/// <para>
/// Cuts go only where both tiktoken pre-tokenizer patterns (o200k_base, cl100k_base) must end one pre-token and
/// start the next, and never inside a special token such as <c>&lt;|endoftext|&gt;</c>, so the count of ordinary
/// text is exactly the uncut count (a property test checks this). Only a run of
/// <see cref="HardCutChars"/> characters with no such place (a long letter run, CJK or Thai without punctuation,
/// a line of <c>=</c>) is cut where it stands, which can add about one token per cut.
/// </para>
/// </remarks>
internal static class ChunkedTokenCounter
{
    /// <summary>Longest chunk handed to the tokenizer when a safe cut is available.</summary>
    public const int WindowChars = 1024;

    /// <summary>Longest run without a safe cut before it is cut anyway; bounds the quadratic work per call.</summary>
    public const int HardCutChars = 256;

    public static int Count(Tokenizer tokenizer, ReadOnlySpan<char> text) =>
        Count(tokenizer, text, WindowChars, HardCutChars);

    /// <summary>The same with explicit limits, for tests that exercise cutting on short texts.</summary>
    internal static int Count(Tokenizer tokenizer, ReadOnlySpan<char> text, int windowChars, int hardCutChars)
    {
        if (text.Length <= Math.Min(windowChars, hardCutChars))
        {
            return text.IsEmpty ? 0 : tokenizer.CountTokens(text);
        }

        int total = 0, start = 0, lastSafe = 0;
        var previous = Classify(text[0]);
        for (var i = 1; i < text.Length; i++)
        {
            var current = Classify(text[i]);
            if (IsSafeCut(previous, current))
            {
                lastSafe = i;
            }

            previous = current;
            if (i - lastSafe >= hardCutChars && !char.IsLowSurrogate(text[i]))
            {
                if (lastSafe > start)
                {
                    total += tokenizer.CountTokens(text[start..lastSafe]);
                }

                total += tokenizer.CountTokens(text[lastSafe..i]);
                start = lastSafe = i;
            }
            else if (i - start >= windowChars && lastSafe > start)
            {
                total += tokenizer.CountTokens(text[start..lastSafe]);
                start = lastSafe;
            }
        }

        return total + tokenizer.CountTokens(text[start..]);
    }

    /// <summary>
    /// Whether a pre-token boundary is certain between two characters, whatever follows. Both patterns:
    /// letters (<c>\p{L}</c>) and digits (<c>\p{N}{1,3}</c>) never take a following space or symbol; a symbol run
    /// never takes a following digit; a single space after a non-space always begins the next pre-token.
    /// Apostrophes (contractions such as <c>'s</c>), marks (letter runs in o200k, symbol runs in cl100k),
    /// surrogates, and <c>|</c> and <c>_</c> (inside special tokens) are never cut next to.
    /// </summary>
    private static bool IsSafeCut(CharClass previous, CharClass current) => (previous, current) switch
    {
        (CharClass.Letter or CharClass.Digit or CharClass.Symbol or CharClass.Apostrophe or CharClass.Guarded, CharClass.Space) => true,
        (CharClass.Letter, CharClass.Digit or CharClass.Symbol) => true,
        (CharClass.Digit, CharClass.Letter or CharClass.Symbol) => true,
        (CharClass.Symbol, CharClass.Digit) => true,
        _ => false,
    };

    private static CharClass Classify(char c)
    {
        if (c == ' ')
        {
            return CharClass.Space;
        }

        if (c < 0x80)
        {
            return c switch
            {
                >= 'a' and <= 'z' or >= 'A' and <= 'Z' => CharClass.Letter,
                >= '0' and <= '9' => CharClass.Digit,
                '\'' => CharClass.Apostrophe,
                '|' or '_' => CharClass.Guarded,
                '\t' or '\n' or '\v' or '\f' or '\r' => CharClass.Whitespace,
                _ => CharClass.Symbol,
            };
        }

        if (char.IsSurrogate(c))
        {
            return CharClass.Surrogate;
        }

        switch (CharUnicodeInfo.GetUnicodeCategory(c))
        {
            case UnicodeCategory.UppercaseLetter:
            case UnicodeCategory.LowercaseLetter:
            case UnicodeCategory.TitlecaseLetter:
            case UnicodeCategory.ModifierLetter:
            case UnicodeCategory.OtherLetter:
                return CharClass.Letter;
            case UnicodeCategory.DecimalDigitNumber:
            case UnicodeCategory.LetterNumber:
            case UnicodeCategory.OtherNumber:
                return CharClass.Digit;
            case UnicodeCategory.NonSpacingMark:
            case UnicodeCategory.SpacingCombiningMark:
            case UnicodeCategory.EnclosingMark:
                return CharClass.Mark;
            default:
                return char.IsWhiteSpace(c) ? CharClass.Whitespace : CharClass.Symbol;
        }
    }

    private enum CharClass : byte
    {
        Letter,
        Digit,
        Space,
        Whitespace,
        Apostrophe,
        Guarded,
        Mark,
        Surrogate,
        Symbol,
    }
}

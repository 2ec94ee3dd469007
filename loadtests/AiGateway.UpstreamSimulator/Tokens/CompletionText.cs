using System.Text;

namespace AiGateway.UpstreamSimulator;

/// <summary>
/// Produces completion text of an exact o200k_base token count. Every piece is a word that is a single token
/// and starts a new pre-token (a space followed by lower-case letters), so no merge can happen across pieces
/// and N pieces are always N tokens. Streaming sends one piece per chunk.
/// </summary>
internal static class CompletionText
{
    private const int CachedLengths = 512;

    private static readonly string[] Pieces = LoadPieces();
    private static readonly string?[] Cache = new string?[CachedLengths + 1];

    /// <summary>The text of the token at <paramref name="position"/>.</summary>
    public static string Piece(int position) => Pieces[position % Pieces.Length];

    /// <summary>The whole text of <paramref name="tokens"/> tokens; common lengths are cached.</summary>
    public static string Build(int tokens)
    {
        if (tokens <= CachedLengths)
        {
            // A racing duplicate build is harmless: both produce the same string.
            return Cache[tokens] ??= Concatenate(tokens);
        }

        return Concatenate(tokens);
    }

    private static string Concatenate(int tokens)
    {
        var builder = new StringBuilder(tokens * 8);
        for (var i = 0; i < tokens; i++)
        {
            builder.Append(Piece(i));
        }

        return builder.ToString();
    }

    private static string[] LoadPieces()
    {
        string[] candidates =
        [
            " the", " quick", " brown", " fox", " jumps", " over", " the", " lazy", " dog", " while", " a",
            " simulated", " cloud", " answers", " every", " request", " with", " simple", " words", " from",
            " a", " small", " list", " so", " that", " each", " one", " is", " exactly", " one", " token",
            " and", " the", " total", " is", " easy", " to", " check",
        ];

        // Fail at startup, not with a wrong count at runtime, if a tokenizer update ever splits a word.
        foreach (var piece in candidates)
        {
            if (TokenCounter.Tokenizer.CountTokens(piece) != 1)
            {
                throw new InvalidOperationException($"Completion piece '{piece}' is not a single o200k_base token.");
            }
        }

        return candidates;
    }
}

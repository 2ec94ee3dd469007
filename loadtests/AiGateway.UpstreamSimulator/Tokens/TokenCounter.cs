using Microsoft.ML.Tokenizers;

namespace AiGateway.UpstreamSimulator;

/// <summary>
/// The o200k_base tokenizer, created once: loading the vocabulary takes far longer than any request, and
/// <see cref="TiktokenTokenizer"/> is safe to share between threads.
/// </summary>
internal static class TokenCounter
{
    public static Tokenizer Tokenizer { get; } = TiktokenTokenizer.CreateForEncoding("o200k_base");

    public static int Count(string text) => text.Length == 0 ? 0 : Tokenizer.CountTokens(text);
}

using Microsoft.ML.Tokenizers;

namespace AiGateway.UpstreamSimulator.Tests;

/// <summary>An independent o200k_base count for expectations, so tests do not trust the simulator's own counter.</summary>
internal static class Tokens
{
    private static readonly Tokenizer Tokenizer = TiktokenTokenizer.CreateForEncoding("o200k_base");

    public static int Count(string text) => Tokenizer.CountTokens(text);

    /// <summary>OpenAI cookbook rule for messages with only role and string content: 3 per message + 3 priming.</summary>
    public static int ChatPrompt(params (string Role, string Content)[] messages) =>
        3 + messages.Sum(m => 3 + Count(m.Role) + Count(m.Content));
}

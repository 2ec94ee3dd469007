namespace AiGateway.Limits.Estimation;

/// <summary>
/// Maps a model name to its tiktoken encoding as <c>tiktoken.encoding_for_model</c> does for the chat and embedding
/// models, with the cookbook's o200k_base fallback for everything it does not know (DeepSeek, Gemini, Claude…).
/// </summary>
internal static class TiktokenEncodingResolver
{
    public static TiktokenEncoding Resolve(ReadOnlySpan<char> model)
    {
        // Fine-tuned models are named "ft:<base>:<org>:…" and use their base model's encoding.
        if (model.StartsWith("ft:", StringComparison.Ordinal))
        {
            model = model[3..];
        }

        // "gpt-4" and "gpt-4-…" (gpt-4-turbo, gpt-4-0613, gpt-4-32k) only: gpt-4o, gpt-4.1 and gpt-4.5 are o200k.
        var cl100k = model.SequenceEqual("gpt-4")
            || model.StartsWith("gpt-4-", StringComparison.Ordinal)
            || model.StartsWith("gpt-3.5", StringComparison.Ordinal)
            || model.StartsWith("gpt-35", StringComparison.Ordinal) // Azure's deployment spelling
            || model.StartsWith("text-embedding-", StringComparison.Ordinal)
            || model.SequenceEqual("davinci-002")
            || model.SequenceEqual("babbage-002");
        return cl100k ? TiktokenEncoding.Cl100kBase : TiktokenEncoding.O200kBase;
    }
}

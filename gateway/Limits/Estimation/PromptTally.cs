namespace AiGateway.Limits.Estimation;

/// <summary>Running totals of one walk over a request body; kept outside the walk so a parse failure keeps them.</summary>
internal struct PromptTally
{
    public long Tokens;

    /// <summary><c>n</c>: completions per prompt (default 1).</summary>
    public long N;

    /// <summary><c>best_of</c> (legacy completions): completions generated server-side per prompt, all billed.</summary>
    public long BestOf;

    /// <summary>Prompts in a legacy completions request (a <c>prompt</c> array of strings or of token-id arrays).</summary>
    public long Prompts;

    /// <summary>The body was not a readable JSON object.</summary>
    public bool Malformed;

    public static PromptTally Start() => new() { N = 1, Prompts = 1 };

    public readonly PromptEstimate ToEstimate(PromptShape shape, int bodyLength)
    {
        var tokens = Tokens;
        if (Malformed)
        {
            // Validated bodies never get here; if one does, reserve by size: bytes ÷ 4, JSON syntax included.
            tokens = Math.Max(tokens, (bodyLength + 3L) / 4);
        }

        long choices = shape switch
        {
            PromptShape.Embeddings => 0,
            PromptShape.Completions => Saturate(Math.Max(N, BestOf)) * Math.Max(Prompts, 1),
            _ => Math.Max(N, 1),
        };
        return new PromptEstimate(Saturate(tokens), Saturate(choices));
    }

    private static int Saturate(long value) => (int)Math.Clamp(value, 0, int.MaxValue);
}

namespace AiGateway.Limits.Estimation;

/// <summary>Which OpenAI request body a prompt estimator reads.</summary>
public enum PromptShape
{
    /// <summary><c>/v1/chat/completions</c>: <c>messages</c>, optional <c>tools</c>/<c>functions</c>, <c>n</c>.</summary>
    Chat,

    /// <summary><c>/v1/completions</c>: <c>prompt</c> (string, strings, token ids or token-id arrays), <c>n</c>, <c>best_of</c>.</summary>
    Completions,

    /// <summary><c>/v1/embeddings</c>: <c>input</c> (string, strings, token ids or token-id arrays); no output tokens.</summary>
    Embeddings,
}

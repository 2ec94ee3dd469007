namespace AiGateway.Metering;

/// <summary>Which key the rewriter inserts when a request names no output cap.</summary>
internal enum OutputCapField
{
    /// <summary><c>max_tokens</c>: understood by chat and legacy completions, and by most OpenAI-compatible servers.</summary>
    MaxTokens,

    /// <summary><c>max_completion_tokens</c>: required by OpenAI reasoning models, which refuse <c>max_tokens</c>.</summary>
    MaxCompletionTokens,
}

namespace AiGateway.Limits.Estimation;

/// <summary>What one pass over a request body found: the prompt tokens and how many completions it asks for.</summary>
/// <param name="PromptTokens">Estimated prompt (input) tokens, never negative.</param>
/// <param name="Choices">
/// Completions the upstream will generate, each up to the output cap: <c>n</c> (default 1) for chat;
/// <c>max(n, best_of)</c> × the number of prompts for legacy completions; 0 for embeddings.
/// </param>
public readonly record struct PromptEstimate(int PromptTokens, int Choices);

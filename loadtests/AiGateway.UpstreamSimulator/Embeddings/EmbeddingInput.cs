namespace AiGateway.UpstreamSimulator;

/// <summary>One embedding input: text, or token ids when the caller sent pre-tokenized input.</summary>
internal readonly record struct EmbeddingInput(string? Text, int[]? TokenIds);

namespace AiGateway.UpstreamSimulator;

/// <summary>A validated <c>/v1/embeddings</c> request.</summary>
internal sealed record EmbeddingRequest(string Model, EmbeddingInput[] Inputs, int PromptTokens, bool Base64, int? Dimensions);

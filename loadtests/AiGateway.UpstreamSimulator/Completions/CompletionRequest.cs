namespace AiGateway.UpstreamSimulator;

/// <summary>What the chat and legacy completion parsers extract: only the fields that shape the simulated reply.</summary>
/// <param name="Model">Requested model id.</param>
/// <param name="PromptTokens">Prompt tokens, counted once while parsing.</param>
/// <param name="MaxTokens">Cap on completion tokens per choice, or null for none.</param>
/// <param name="ChoiceCount">Choices to generate (<c>n</c>, times the number of prompts for legacy completions).</param>
/// <param name="Stream">Whether to answer with SSE.</param>
/// <param name="IncludeUsage"><c>stream_options.include_usage</c>.</param>
internal sealed record CompletionRequest(
    string Model,
    int PromptTokens,
    int? MaxTokens,
    int ChoiceCount,
    bool Stream,
    bool IncludeUsage);

namespace AiGateway.LoadTests;

/// <summary>Shape of the request a built-in scenario sends (the same bytes every time).</summary>
public sealed class OpenAiScenarioOptions
{
    /// <summary>Which endpoint and mode.</summary>
    public RequestKind Kind { get; init; } = RequestKind.Chat;

    /// <summary>Model id; null picks <c>gpt-4.1</c> for chat and <c>text-embedding-3-small</c> for embeddings.</summary>
    public string? Model { get; init; }

    /// <summary>Chat: <c>max_tokens</c>. Default 16.</summary>
    public int MaxTokens { get; init; } = 16;

    /// <summary>Approximate prompt (or embedding input) size in tokens: one short common word per token. Default 32.</summary>
    public int PromptTokens { get; init; } = 32;

    /// <summary>The model actually sent.</summary>
    public string EffectiveModel => Model ?? (Kind == RequestKind.Embeddings ? "text-embedding-3-small" : "gpt-4.1");

    /// <summary>Throws <see cref="ArgumentException"/> naming every invalid setting.</summary>
    public void Validate()
    {
        var errors = new List<string>();
        if (Model is not null && string.IsNullOrWhiteSpace(Model))
        {
            errors.Add("Model must not be blank.");
        }

        if (MaxTokens < 1)
        {
            errors.Add($"MaxTokens must be >= 1 (got {MaxTokens}).");
        }

        if (PromptTokens is < 1 or > 1_000_000)
        {
            errors.Add($"PromptTokens must be between 1 and 1,000,000 (got {PromptTokens}).");
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid scenario options: " + string.Join(" ", errors));
        }
    }
}

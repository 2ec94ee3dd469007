namespace AiGateway.LoadTests;

/// <summary>Conversions shared by the command line and the plan file, so both accept exactly the same values.</summary>
internal static class PlanParts
{
    public static RequestKind ParseKind(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "chat" => RequestKind.Chat,
        "stream" => RequestKind.ChatStream,
        "embeddings" => RequestKind.Embeddings,
        _ => throw new CliUsageException($"scenario kind '{text}' is unknown; use chat, stream or embeddings."),
    };

    public static string KindName(RequestKind kind) => kind switch
    {
        RequestKind.ChatStream => "stream",
        RequestKind.Embeddings => "embeddings",
        _ => "chat",
    };

    /// <summary>A validated target; the loopback check happens here, before any traffic.</summary>
    public static LoadTarget Target(string name, string url, string token)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            throw new CliUsageException($"target '{name}': '{url}' is not an absolute URL such as http://127.0.0.1:8080/v1.");
        }

        try
        {
            return new LoadTarget(name, uri, token);
        }
        catch (ArgumentException ex)
        {
            throw new CliUsageException(ex.Message);
        }
    }

    public static OpenAiScenarioOptions Request(RequestKind kind, string? model, int? maxTokens, int? promptTokens)
    {
        var defaults = new OpenAiScenarioOptions();
        var options = new OpenAiScenarioOptions
        {
            Kind = kind,
            Model = model,
            MaxTokens = maxTokens ?? defaults.MaxTokens,
            PromptTokens = promptTokens ?? defaults.PromptTokens,
        };
        try
        {
            options.Validate();
        }
        catch (ArgumentException ex)
        {
            throw new CliUsageException(ex.Message);
        }

        return options;
    }
}

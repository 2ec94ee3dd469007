namespace AiGateway.LoadTests;

/// <summary>The built-in scenarios: chat, streaming chat and embeddings against an OpenAI-compatible target.</summary>
public static class OpenAiScenarios
{
    /// <summary>
    /// A scenario sending <paramref name="options"/>' request to <paramref name="target"/> through
    /// <paramref name="client"/> (one shared client per target, from <see cref="LoadHttpClientFactory"/>).
    /// </summary>
    public static Scenario Create(string name, HttpMessageInvoker client, LoadTarget target, OpenAiScenarioOptions options)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var step = new OpenAiStep(client, target, options);
        return Scenario.Create(name, step.ExecuteAsync);
    }
}

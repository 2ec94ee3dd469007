using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace AiGateway.UpstreamSimulator;

/// <summary>
/// Validates a legacy <c>/v1/completions</c> body. Like OpenAI, <c>max_tokens</c> defaults to 16 and every prompt
/// in an array gets its own <c>n</c> choices.
/// </summary>
internal static class TextCompletionRequestParser
{
    private const int DefaultMaxTokens = 16;

    public static bool TryParse(byte[] body, [NotNullWhen(true)] out CompletionRequest? request, [NotNullWhen(false)] out OpenAiError? error)
    {
        request = null;
        if (!JsonBody.TryParseObject(body, out var document, out error))
        {
            return false;
        }

        using (document)
        {
            var root = document.RootElement;

            if (!GenerationFields.TryReadModel(root, out var model, out error)
                || !TryCountPrompt(root, out var promptTokens, out var prompts, out error)
                || !GenerationFields.TryReadCommon(root, DefaultMaxTokens, out var stream, out var includeUsage, out var maxTokens, out var n, out error))
            {
                return false;
            }

            request = new CompletionRequest(model, promptTokens, maxTokens, n * prompts, stream, includeUsage);
            return true;
        }
    }

    /// <summary>Accepts a string, an array of strings, an array of token ids or an array of token-id arrays.</summary>
    private static bool TryCountPrompt(JsonElement root, out int tokens, out int prompts, [NotNullWhen(false)] out OpenAiError? error)
    {
        tokens = 0;
        prompts = 1;
        error = null;
        if (!root.TryGetProperty("prompt"u8, out var prompt) || prompt.ValueKind == JsonValueKind.Null)
        {
            error = OpenAiErrors.MissingParameter("prompt");
            return false;
        }

        if (prompt.ValueKind == JsonValueKind.String)
        {
            tokens = TokenCounter.Count(prompt.GetString()!);
            return true;
        }

        if (prompt.ValueKind != JsonValueKind.Array)
        {
            error = OpenAiErrors.InvalidType("prompt", "a string or an array");
            return false;
        }

        var length = prompt.GetArrayLength();
        if (length == 0)
        {
            error = OpenAiErrors.EmptyArray("prompt");
            return false;
        }

        // A flat array of numbers is one tokenized prompt; its token count is its length.
        if (prompt[0].ValueKind == JsonValueKind.Number)
        {
            tokens = length;
            return AllOfKind(prompt, JsonValueKind.Number, out error);
        }

        prompts = length;
        foreach (var item in prompt.EnumerateArray())
        {
            switch (item.ValueKind)
            {
                case JsonValueKind.String:
                    tokens += TokenCounter.Count(item.GetString()!);
                    break;
                case JsonValueKind.Array when AllOfKind(item, JsonValueKind.Number, out _):
                    tokens += item.GetArrayLength();
                    break;
                default:
                    error = OpenAiErrors.InvalidType("prompt", "a string, an array of strings, an array of integers or an array of integer arrays");
                    return false;
            }
        }

        return true;
    }

    private static bool AllOfKind(JsonElement array, JsonValueKind kind, [NotNullWhen(false)] out OpenAiError? error)
    {
        error = null;
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != kind)
            {
                error = OpenAiErrors.InvalidType("prompt", "an array of integers");
                return false;
            }
        }

        return true;
    }
}

using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace AiGateway.UpstreamSimulator;

/// <summary>Validates a <c>/v1/chat/completions</c> body and counts its prompt tokens in the same pass.</summary>
internal static class ChatRequestParser
{
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
                || !TryValidateMessages(root, out var messages, out error)
                || !GenerationFields.TryReadCommon(root, null, out var stream, out var includeUsage, out var maxTokens, out var n, out error))
            {
                return false;
            }

            request = new CompletionRequest(model, PromptTokenCounter.CountMessages(messages), maxTokens, n, stream, includeUsage);
            return true;
        }
    }

    private static bool TryValidateMessages(JsonElement root, out JsonElement messages, [NotNullWhen(false)] out OpenAiError? error)
    {
        error = null;
        if (!root.TryGetProperty("messages"u8, out messages) || messages.ValueKind == JsonValueKind.Null)
        {
            error = OpenAiErrors.MissingParameter("messages");
            return false;
        }

        if (messages.ValueKind != JsonValueKind.Array)
        {
            error = OpenAiErrors.InvalidType("messages", "an array of objects");
            return false;
        }

        if (messages.GetArrayLength() == 0)
        {
            error = OpenAiErrors.EmptyArray("messages");
            return false;
        }

        var index = 0;
        foreach (var message in messages.EnumerateArray())
        {
            if (message.ValueKind != JsonValueKind.Object)
            {
                error = OpenAiErrors.InvalidType($"messages[{index}]", "an object");
                return false;
            }

            if (!message.TryGetProperty("role"u8, out var role) || role.ValueKind != JsonValueKind.String)
            {
                error = OpenAiErrors.MissingParameter($"messages[{index}].role");
                return false;
            }

            index++;
        }

        return true;
    }
}

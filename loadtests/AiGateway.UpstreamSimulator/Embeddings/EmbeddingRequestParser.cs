using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace AiGateway.UpstreamSimulator;

/// <summary>
/// Validates a <c>/v1/embeddings</c> body. <c>input</c> may be a string, strings, token ids or token-id arrays;
/// token-id inputs count their length as prompt tokens.
/// </summary>
internal static class EmbeddingRequestParser
{
    private const int MaxInputs = 2048;
    private const int MaxDimensions = 8192;

    public static bool TryParse(byte[] body, [NotNullWhen(true)] out EmbeddingRequest? request, [NotNullWhen(false)] out OpenAiError? error)
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
                || !TryReadInputs(root, out var inputs, out var tokens, out error)
                || !TryReadEncoding(root, out var base64, out error)
                || !GenerationFields.TryReadInt(root, "dimensions", 1, MaxDimensions, out var dimensions, out error))
            {
                return false;
            }

            request = new EmbeddingRequest(model, inputs, tokens, base64, dimensions);
            return true;
        }
    }

    private static bool TryReadEncoding(JsonElement root, out bool base64, [NotNullWhen(false)] out OpenAiError? error)
    {
        base64 = false;
        error = null;
        if (!root.TryGetProperty("encoding_format"u8, out var format) || format.ValueKind == JsonValueKind.Null || format.ValueEquals("float"u8))
        {
            return true;
        }

        if (format.ValueEquals("base64"u8))
        {
            base64 = true;
            return true;
        }

        error = OpenAiErrors.InvalidValue("encoding_format", "Invalid value for 'encoding_format': expected 'float' or 'base64'.");
        return false;
    }

    private static bool TryReadInputs(JsonElement root, out EmbeddingInput[] inputs, out int tokens, [NotNullWhen(false)] out OpenAiError? error)
    {
        inputs = [];
        tokens = 0;
        error = null;
        if (!root.TryGetProperty("input"u8, out var input) || input.ValueKind == JsonValueKind.Null)
        {
            error = OpenAiErrors.MissingParameter("input");
            return false;
        }

        if (input.ValueKind == JsonValueKind.String)
        {
            return TryText(input, out inputs, out tokens, out error);
        }

        if (input.ValueKind != JsonValueKind.Array || input.GetArrayLength() == 0)
        {
            error = InvalidInput();
            return false;
        }

        if (input[0].ValueKind == JsonValueKind.Number)
        {
            if (!TryTokenIds(input, out var ids))
            {
                error = InvalidInput();
                return false;
            }

            inputs = [new EmbeddingInput(null, ids)];
            tokens = ids.Length;
            return true;
        }

        if (input.GetArrayLength() > MaxInputs)
        {
            error = OpenAiErrors.InvalidValue("input", $"Invalid 'input': maximum {MaxInputs} inputs per request.");
            return false;
        }

        inputs = new EmbeddingInput[input.GetArrayLength()];
        var index = 0;
        foreach (var item in input.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String && item.GetString() is { Length: > 0 } text)
            {
                inputs[index] = new EmbeddingInput(text, null);
                tokens += TokenCounter.Count(text);
            }
            else if (item.ValueKind == JsonValueKind.Array && item.GetArrayLength() > 0 && TryTokenIds(item, out var ids))
            {
                inputs[index] = new EmbeddingInput(null, ids);
                tokens += ids.Length;
            }
            else
            {
                error = InvalidInput();
                return false;
            }

            index++;
        }

        return true;
    }

    private static bool TryText(JsonElement input, out EmbeddingInput[] inputs, out int tokens, [NotNullWhen(false)] out OpenAiError? error)
    {
        var text = input.GetString()!;
        inputs = [];
        tokens = 0;
        error = null;
        if (text.Length == 0)
        {
            error = InvalidInput();
            return false;
        }

        inputs = [new EmbeddingInput(text, null)];
        tokens = TokenCounter.Count(text);
        return true;
    }

    private static bool TryTokenIds(JsonElement array, out int[] ids)
    {
        ids = new int[array.GetArrayLength()];
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt32(out ids[index]) || ids[index] < 0)
            {
                return false;
            }

            index++;
        }

        return true;
    }

    // OpenAI's wording for any malformed or empty input.
    private static OpenAiError InvalidInput() =>
        OpenAiErrors.InvalidValue("input", "'$.input' is invalid. Please check the API reference: https://platform.openai.com/docs/api-reference.");
}

using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace AiGateway.UpstreamSimulator;

/// <summary>Reads the request fields chat and legacy completions have in common, with OpenAI's 400 errors.</summary>
internal static class GenerationFields
{
    private const int MaxChoices = 128;

    public static bool TryReadModel(JsonElement root, [NotNullWhen(true)] out string? model, [NotNullWhen(false)] out OpenAiError? error)
    {
        model = null;
        error = null;
        if (!root.TryGetProperty("model"u8, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            error = OpenAiErrors.MissingModel();
            return false;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            error = OpenAiErrors.InvalidType("model", "a string");
            return false;
        }

        model = value.GetString()!;
        return true;
    }

    /// <summary>Reads <c>stream</c>, <c>stream_options.include_usage</c>, the token caps and <c>n</c>.</summary>
    public static bool TryReadCommon(
        JsonElement root,
        int? defaultMaxTokens,
        out bool stream,
        out bool includeUsage,
        out int? maxTokens,
        out int n,
        [NotNullWhen(false)] out OpenAiError? error)
    {
        stream = false;
        includeUsage = false;
        maxTokens = null;
        n = 1;
        if (!TryReadBool(root, "stream", out var streamValue, out error))
        {
            return false;
        }

        stream = streamValue ?? false;
        if (root.TryGetProperty("stream_options"u8, out var streamOptions) && streamOptions.ValueKind != JsonValueKind.Null)
        {
            if (!stream)
            {
                error = OpenAiErrors.StreamOptionsWithoutStream();
                return false;
            }

            if (streamOptions.ValueKind != JsonValueKind.Object)
            {
                error = OpenAiErrors.InvalidType("stream_options", "an object");
                return false;
            }

            if (!TryReadBool(streamOptions, "include_usage", out var include, out error))
            {
                return false;
            }

            includeUsage = include ?? false;
        }

        if (!TryReadInt(root, "max_tokens", 1, int.MaxValue, out var legacyCap, out error)
            || !TryReadInt(root, "max_completion_tokens", 1, int.MaxValue, out var completionCap, out error)
            || !TryReadInt(root, "n", 1, MaxChoices, out var choices, out error))
        {
            return false;
        }

        // Both caps present is unusual; honouring the stricter one never exceeds what the caller allowed.
        maxTokens = (legacyCap, completionCap) switch
        {
            (null, null) => defaultMaxTokens,
            (int a, null) => a,
            (null, int b) => b,
            (int a, int b) => Math.Min(a, b),
        };
        n = choices ?? 1;
        return true;
    }

    private static bool TryReadBool(JsonElement parent, string name, out bool? value, [NotNullWhen(false)] out OpenAiError? error)
    {
        value = null;
        error = null;
        if (!parent.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (element.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            value = element.GetBoolean();
            return true;
        }

        error = OpenAiErrors.InvalidType(name, "a boolean");
        return false;
    }

    public static bool TryReadInt(JsonElement parent, string name, int min, int max, out int? value, [NotNullWhen(false)] out OpenAiError? error)
    {
        value = null;
        error = null;
        if (!parent.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt64(out var number))
        {
            error = OpenAiErrors.InvalidType(name, "an integer");
            return false;
        }

        if (number < min || number > max)
        {
            error = OpenAiErrors.OutOfRange(name, min, max, number);
            return false;
        }

        value = (int)number;
        return true;
    }
}

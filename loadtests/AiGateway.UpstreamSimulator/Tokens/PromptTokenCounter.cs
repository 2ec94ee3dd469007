using System.Text.Json;

namespace AiGateway.UpstreamSimulator;

/// <summary>
/// Counts chat prompt tokens with the OpenAI cookbook rule (WIRE-FACTS B.6): 3 per message, the tokens of every
/// string value in the message, 1 more per <c>name</c>, and 3 to prime the reply. A gateway's estimator is
/// measured against this number, so it must follow the rule exactly.
/// </summary>
internal static class PromptTokenCounter
{
    private const int TokensPerMessage = 3;
    private const int TokensPerName = 1;
    private const int ReplyPriming = 3;

    /// <param name="messages">An array whose items are all objects (validated by the caller).</param>
    public static int CountMessages(JsonElement messages)
    {
        var total = ReplyPriming;
        foreach (var message in messages.EnumerateArray())
        {
            total += TokensPerMessage;
            foreach (var property in message.EnumerateObject())
            {
                total += CountValue(property);
                if (property.NameEquals("name"u8))
                {
                    total += TokensPerName;
                }
            }
        }

        return total;
    }

    private static int CountValue(JsonProperty property)
    {
        var value = property.Value;
        if (value.ValueKind == JsonValueKind.String)
        {
            return TokenCounter.Count(value.GetString()!);
        }

        // Content parts: only text parts have a countable string; images, audio and files are out of the rule's scope.
        if (value.ValueKind == JsonValueKind.Array && property.NameEquals("content"u8))
        {
            var total = 0;
            foreach (var part in value.EnumerateArray())
            {
                if (part.ValueKind == JsonValueKind.Object
                    && part.TryGetProperty("type"u8, out var type) && type.ValueEquals("text"u8)
                    && part.TryGetProperty("text"u8, out var text) && text.ValueKind == JsonValueKind.String)
                {
                    total += TokenCounter.Count(text.GetString()!);
                }
            }

            return total;
        }

        return 0;
    }
}

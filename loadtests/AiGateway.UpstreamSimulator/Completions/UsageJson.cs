using System.Text.Json;

namespace AiGateway.UpstreamSimulator;

/// <summary>Writes OpenAI's <c>usage</c> object (CompletionUsage, WIRE-FACTS B.1).</summary>
internal static class UsageJson
{
    public static void Write(Utf8JsonWriter writer, int promptTokens, int completionTokens, bool includeDetails)
    {
        writer.WriteStartObject("usage");
        writer.WriteNumber("prompt_tokens", promptTokens);
        writer.WriteNumber("completion_tokens", completionTokens);
        writer.WriteNumber("total_tokens", promptTokens + completionTokens);
        if (includeDetails)
        {
            writer.WriteStartObject("prompt_tokens_details");
            writer.WriteNumber("cached_tokens", 0);
            writer.WriteNumber("audio_tokens", 0);
            writer.WriteEndObject();
            writer.WriteStartObject("completion_tokens_details");
            writer.WriteNumber("reasoning_tokens", 0);
            writer.WriteNumber("audio_tokens", 0);
            writer.WriteNumber("accepted_prediction_tokens", 0);
            writer.WriteNumber("rejected_prediction_tokens", 0);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }
}

using System.Buffers;
using System.Text;
using System.Text.Json;

namespace AiGateway.LoadTests;

/// <summary>Builds the JSON request body of a built-in scenario once; every request reuses the bytes.</summary>
internal static class OpenAiRequestBodies
{
    public static byte[] Build(OpenAiScenarioOptions options)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("model", options.EffectiveModel);
            if (options.Kind == RequestKind.Embeddings)
            {
                json.WriteString("input", Prompt(options.PromptTokens));
            }
            else
            {
                json.WriteStartArray("messages");
                json.WriteStartObject();
                json.WriteString("role", "user");
                json.WriteString("content", Prompt(options.PromptTokens));
                json.WriteEndObject();
                json.WriteEndArray();
                json.WriteNumber("max_tokens", options.MaxTokens);
                if (options.Kind == RequestKind.ChatStream)
                {
                    json.WriteBoolean("stream", true);
                    json.WriteStartObject("stream_options");
                    json.WriteBoolean("include_usage", true);
                    json.WriteEndObject();
                }
            }

            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>"hello" repeated: one o200k/cl100k token per word, so the prompt size is about <paramref name="tokens"/>.</summary>
    private static string Prompt(int tokens)
    {
        var prompt = new StringBuilder(tokens * 6);
        prompt.Append("hello");
        for (var i = 1; i < tokens; i++)
        {
            prompt.Append(" hello");
        }

        return prompt.ToString();
    }
}

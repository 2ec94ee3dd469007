using System.Text;
using System.Text.Json;

namespace AiGateway.Benchmarks.Fixtures;

/// <summary>
/// Chat request bodies as OpenAI SDKs send them (compact JSON, escaped newlines and quotes, some non-ASCII),
/// built deterministically so every run measures the same bytes.
/// </summary>
internal static class ChatBodies
{
    private static readonly string[] Words =
    [
        "the", "gateway", "reserves", "tokens", "before", "forwarding", "each", "request", "to", "upstream",
        "model", "budget", "team", "limit", "stream", "usage", "answer", "question", "summary", "report",
        "über", "naïve", "café", "résumé", "data", "pipeline", "latency", "throughput", "cluster", "replica",
    ];

    /// <summary>About 1 KiB: a system prompt and a short three-turn conversation, streamed, no output cap.</summary>
    public static byte[] Typical() => Build(turns: 3, wordsPerMessage: 24, stream: true);

    /// <summary>About 64 KiB: a long conversation with multi-line messages, streamed, no output cap.</summary>
    public static byte[] Large() => Build(turns: 27, wordsPerMessage: 150, stream: true);

    public static byte[] Build(int turns, int wordsPerMessage, bool stream)
    {
        var random = new Random(42);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("model", "gpt-4o-mini");
            writer.WriteStartArray("messages");
            WriteMessage(writer, "system", "You are a concise assistant.\nAnswer in \"plain\" English.");
            for (var turn = 0; turn < turns; turn++)
            {
                WriteMessage(writer, "user", Sentence(random, wordsPerMessage));
                if (turn < turns - 1)
                {
                    WriteMessage(writer, "assistant", Sentence(random, wordsPerMessage));
                }
            }
            writer.WriteEndArray();
            writer.WriteNumber("temperature", 0.2);
            writer.WriteBoolean("stream", stream);
            writer.WriteString("user", "bench-user-0001");
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static void WriteMessage(Utf8JsonWriter writer, string role, string content)
    {
        writer.WriteStartObject();
        writer.WriteString("role", role);
        writer.WriteString("content", content);
        writer.WriteEndObject();
    }

    private static string Sentence(Random random, int words)
    {
        var text = new StringBuilder();
        for (var i = 0; i < words; i++)
        {
            if (i > 0)
            {
                text.Append(i % 40 == 0 ? '\n' : ' ');
            }
            text.Append(Words[random.Next(Words.Length)]);
        }
        return text.Append('.').ToString();
    }
}

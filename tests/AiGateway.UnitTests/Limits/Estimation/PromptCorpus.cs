using System.Text.Encodings.Web;
using System.Text.Json;
using AiGateway.Limits.Estimation;

namespace AiGateway.UnitTests.Limits.Estimation;

/// <summary>One generated request body and its expected (cookbook, o200k_base) prompt tokens.</summary>
public sealed record CorpusBody(string Category, PromptShape Shape, byte[] Body, int Expected);

/// <summary>
/// Seeded generator of realistic request bodies: short chats, ~3k-token RAG prompts and embedding batches, in a
/// mix of prose, code, JSON, CJK and emoji, serialized half with every non-ASCII character <c>\u</c>-escaped (as
/// System.Text.Json and Python's json do by default) and half as raw UTF-8.
/// </summary>
public static class PromptCorpus
{
    public const string ShortChat = "short chat";
    public const string Rag = "RAG ~3k tokens";
    public const string Embeddings = "embeddings batch";

    public static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private static readonly JsonSerializerOptions Escaped = new() { Encoder = JavaScriptEncoder.Default };
    private static readonly JsonSerializerOptions Raw = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The measurement mix: 60 % short chat, 25 % RAG, 15 % embedding batches.</summary>
    public static IReadOnlyList<CorpusBody> Mix(int count, int seed)
    {
        var text = new PromptText(seed);
        var bodies = new List<CorpusBody>(count);
        for (var i = 0; i < count; i++)
        {
            var roll = text.Random.Next(100);
            bodies.Add(roll < 60 ? ShortChatBody(text) : roll < 85 ? RagBody(text) : EmbeddingsBody(text));
        }

        return bodies;
    }

    public static CorpusBody ShortChatBody(PromptText text)
    {
        var messages = new List<object>
        {
            new Dictionary<string, object> { ["role"] = "system", ["content"] = text.Prose(text.Random.Next(60, 400)) },
        };
        var turns = text.Random.Next(1, 7);
        for (var i = 0; i < turns; i++)
        {
            var message = new Dictionary<string, object>
            {
                ["role"] = i % 2 == 0 ? "user" : "assistant",
                ["content"] = text.Next(PickKind(text.Random), text.Random.Next(20, 600)),
            };
            if (text.Random.Next(10) == 0)
            {
                message["name"] = "user_" + text.Random.Next(1000);
            }

            messages.Add(message);
        }

        return Chat(ShortChat, messages, text.Random);
    }

    public static CorpusBody RagBody(PromptText text)
    {
        var context = new System.Text.StringBuilder("Answer from the context only.\n\nContext:\n");
        while (context.Length < 12_500)
        {
            var kind = text.Random.Next(10) switch
            {
                0 => TextKind.Json,
                1 => TextKind.Code,
                _ => TextKind.Prose,
            };
            context.Append("\n---\n").Append(text.Next(kind, text.Random.Next(800, 2500)));
        }

        context.Append("\n\nQuestion: ").Append(text.Prose(80));
        var messages = new List<object>
        {
            new Dictionary<string, object> { ["role"] = "system", ["content"] = text.Prose(300) },
            new Dictionary<string, object> { ["role"] = "user", ["content"] = context.ToString() },
        };
        return Chat(Rag, messages, text.Random);
    }

    public static CorpusBody EmbeddingsBody(PromptText text)
    {
        var random = text.Random;
        var inputs = random.Next(16, 65);
        object input;
        int expected;
        if (random.Next(5) == 0)
        {
            // Pre-tokenized inputs: arrays of token ids, counted by length.
            var ids = new int[inputs][];
            expected = 0;
            for (var i = 0; i < inputs; i++)
            {
                ids[i] = new int[random.Next(10, 200)];
                for (var j = 0; j < ids[i].Length; j++)
                {
                    ids[i][j] = random.Next(0, 199_997);
                }

                expected += ids[i].Length;
            }

            input = ids;
        }
        else
        {
            var strings = new string[inputs];
            expected = 0;
            for (var i = 0; i < inputs; i++)
            {
                strings[i] = text.Next(random.Next(8) == 0 ? TextKind.Cjk : TextKind.Prose, random.Next(50, 900));
                expected += CookbookReference.Tokens(CookbookReference.O200k, strings[i]);
            }

            input = strings;
        }

        var body = Serialize(new Dictionary<string, object> { ["model"] = "text-embedding-3-small", ["input"] = input }, random);
        return new CorpusBody(Embeddings, PromptShape.Embeddings, body, expected);
    }

    /// <summary>Serializes a chat body for <c>gpt-4.1</c> and computes its cookbook count.</summary>
    public static CorpusBody Chat(string category, List<object> messages, Random random)
    {
        var body = Serialize(new Dictionary<string, object>
        {
            ["model"] = "gpt-4.1",
            ["messages"] = messages,
            ["max_tokens"] = 512,
            ["temperature"] = 0.2,
        }, random);
        var expected = CookbookReference.Chat(System.Text.Encoding.UTF8.GetString(body), CookbookReference.O200k);
        return new CorpusBody(category, PromptShape.Chat, body, expected);
    }

    private static byte[] Serialize(object value, Random random) =>
        JsonSerializer.SerializeToUtf8Bytes(value, random.Next(2) == 0 ? Escaped : Raw);

    private static TextKind PickKind(Random random) => random.Next(20) switch
    {
        < 13 => TextKind.Prose,
        < 15 => TextKind.Code,
        < 16 => TextKind.Json,
        < 18 => TextKind.Cjk,
        _ => TextKind.Emoji,
    };
}

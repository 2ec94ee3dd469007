using System.Text.Encodings.Web;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;

namespace AiGateway.UnitTests.Limits.Estimation;

/// <summary>A generated chat body (as sent) for the exact-equals-cookbook property.</summary>
public sealed record ChatBodyCase(string Json)
{
    public override string ToString() => Json;
}

/// <summary>A generated text for the chunked-counting property, with the cut limits to use.</summary>
public sealed record ChunkedTextCase(string Text, int Window)
{
    public override string ToString() => $"window {Window}: {JsonSerializer.Serialize(Text)}";
}

/// <summary>FsCheck generators for the estimator property tests.</summary>
public static class EstimationGenerators
{
    /// <summary>
    /// Pieces chosen around the pre-tokenizer's boundaries: contractions, digit runs, symbol runs, whitespace runs,
    /// newlines, combining marks, CJK, emoji (surrogate pairs, ZWJ sequences), special tokens, JSON escapes.
    /// </summary>
    private static readonly string[] Pieces =
    [
        "Hello", " world", "it's", " don't", "'ll", "'S", " 12345", "3.14159", "1,000,000", "x=y+1;", "(){}[]", "...",
        "  ", "   indented", "\n", "\r\n", "\n\n", "\t", " ", "é", "e\u0301", "के", "नमस्ते", "東京", "日本語のテキスト",
        "한국어", "，", "。", "😀", "👩‍💻", "🇩🇪", "<|endoftext|>", "<|endofprompt|>", "\"", "\\", "/", "https://example.com/a?b=c",
        "snake_case_name", "CamelCaseWord", "ALLCAPS", "a|b", "__init__", "—", "’s", "\u00a0", "0x7fff", "aaaaaaaaaaaaaaaaaaaa",
        "Привет", "مرحبا", "ΑΒΓ", "\u200b",
    ];

    private static readonly JsonSerializerOptions Escaped = new() { Encoder = JavaScriptEncoder.Default };
    private static readonly JsonSerializerOptions Raw = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static Gen<string> Text =>
        Gen.Elements(Pieces).ArrayOf().Select(parts => string.Concat(parts));

    private static Gen<string> LongText =>
        Gen.Elements(Pieces).ArrayOf().Resize(400).Select(parts => string.Concat(parts));

    private static Gen<object> ContentPart =>
        from isText in Gen.Frequency((4, Gen.Constant(true)), (1, Gen.Constant(false)))
        from text in Text
        select isText
            ? new Dictionary<string, object> { ["type"] = "text", ["text"] = text }
            : (object)new Dictionary<string, object> { ["type"] = "image_url", ["image_url"] = new Dictionary<string, object> { ["url"] = "https://x/" + text.Length } };

    private static Gen<object> Content =>
        Gen.Frequency(
            (4, Text.Select(t => (object)t)),
            (1, ContentPart.ArrayOf().Select(parts => (object)parts)));

    private static Gen<Dictionary<string, object>> Message =>
        from role in Gen.Elements("system", "user", "assistant", "developer", "tool")
        from content in Content
        from name in Gen.Frequency((3, Gen.Constant<string?>(null)), (1, Text.Select(t => (string?)("n" + t))))
        select Build(role, content, name);

    public static Arbitrary<ChatBodyCase> ChatBodies() =>
        (from messages in Message.NonEmptyListOf()
         from escape in Gen.Elements(true, false)
         select new ChatBodyCase(JsonSerializer.Serialize(
             new Dictionary<string, object> { ["model"] = "gpt-4.1", ["messages"] = messages },
             escape ? Escaped : Raw))).ToArbitrary();

    public static Arbitrary<ChunkedTextCase> ChunkedTexts() =>
        (from text in LongText
         from window in Gen.Choose(4, 64)
         select new ChunkedTextCase(text, window)).ToArbitrary();

    private static Dictionary<string, object> Build(string role, object content, string? name)
    {
        var message = new Dictionary<string, object> { ["role"] = role, ["content"] = content };
        if (name is not null)
        {
            message["name"] = name;
        }

        return message;
    }
}

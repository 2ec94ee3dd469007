using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using AiGateway.Metering;
using FsCheck;
using FsCheck.Fluent;

namespace AiGateway.UnitTests.Metering;

/// <summary>A generated upstream SSE stream, what a scanner must find in it, and how the network cuts it.</summary>
public sealed record SseStreamCase(
    byte[] Stream,
    byte[] StreamWithoutUsageEvent,
    UsageReport? Usage,
    bool Done,
    int Fragments,
    long ContentBytes,
    int[] ChunkSizes)
{
    public override string ToString() =>
        $"chunks [{string.Join(',', ChunkSizes)}] stream:\n{Encoding.UTF8.GetString(Stream).Replace("\r", "\\r", StringComparison.Ordinal)}";
}

/// <summary>A generated non-streaming JSON response, its expected usage and its cuts.</summary>
public sealed record JsonBodyCase(byte[] Body, UsageReport? Usage, int[] ChunkSizes)
{
    public override string ToString() => $"chunks [{string.Join(',', ChunkSizes)}] body: {Encoding.UTF8.GetString(Body)}";
}

/// <summary>FsCheck generators for the metering property tests.</summary>
public static class MeteringGenerators
{
    /// <summary>Text pieces chosen to hurt a scanner: quotes, escapes, unicode, SSE and JSON look-alikes.</summary>
    private static readonly string[] TextPieces =
    [
        "Hi", " there", "é", "中文", "😀", "\"", "\\", "\"usage\":{\"prompt_tokens\":999,\"total_tokens\":999}", "usage",
        "\n", "\r\n", "data: [DONE]\n\n", "\"choices\":[]", "{", "}", "[", "]", " ", "\t", "\u0001", ":", "ü", "​",
    ];

    private static readonly JsonSerializerOptions Escaping = new() { Encoder = JavaScriptEncoder.Default };
    private static readonly JsonSerializerOptions Raw = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static Gen<string> Text =>
        Gen.Elements(TextPieces).ArrayOf().Select(parts => string.Concat(parts));

    /// <summary>JSON string literal; sometimes \u-escaped, sometimes raw UTF-8, like different upstreams write.</summary>
    private static Gen<string> JsonString =>
        from text in Text
        from escape in Gen.Elements(true, false)
        select JsonSerializer.Serialize(text, escape ? Escaping : Raw);

    private static Gen<int[]> ChunkSizes => Gen.Frequency(
        (1, Gen.Constant(new[] { 1 })),
        (4, Gen.Choose(1, 48).NonEmptyListOf().Select(sizes => sizes.ToArray())),
        (1, Gen.Choose(1, 700).NonEmptyListOf().Select(sizes => sizes.ToArray())));

    private sealed record Piece(string Text, string Strippable, int Fragments, long Bytes);

    public static Arbitrary<SseStreamCase> SseStreams() =>
        (from lineEnd in Gen.Elements("\n", "\r\n", "\r")
         from chat in Gen.Elements(true, false)
         from contents in Gen.Zip(JsonString, Gen.Choose(0, 9)).ListOf()
         from hasUsage in Gen.Elements(true, false)
         from prompt in Gen.Choose(0, 100_000)
         from completion in Gen.Choose(0, 100_000)
         from withTotal in Gen.Elements(true, false)
         from usageComment in Gen.Elements(true, false)
         from done in Gen.Elements(true, false)
         from sizes in ChunkSizes
         select Build(lineEnd, chat, contents, hasUsage ? (prompt, completion, withTotal) : null, usageComment, done, sizes)).ToArbitrary();

    private static SseStreamCase Build(string eol, bool chat, IEnumerable<(string Json, int Shape)> contents,
        (int Prompt, int Completion, bool WithTotal)? usage, bool usageComment, bool done, int[] sizes)
    {
        var pieces = new List<Piece>();
        var n = 0;
        foreach (var (json, shape) in contents)
        {
            var content = JsonSerializer.Deserialize<string>(json)!;
            var text = chat
                ? $"{{\"id\":\"chatcmpl-{n}\",\"object\":\"chat.completion.chunk\",\"created\":1694268190,\"model\":\"gpt-4o-mini\",\"choices\":[{{\"index\":0,\"delta\":{{\"content\":{json}}},\"logprobs\":null,\"finish_reason\":null}}],\"usage\":null,\"obfuscation\":\"{new string('o', n % 7)}\"}}"
                : $"{{\"id\":\"cmpl-{n}\",\"object\":\"text_completion\",\"created\":1,\"choices\":[{{\"text\":{json},\"index\":0,\"logprobs\":null,\"finish_reason\":null}}],\"model\":\"gpt-3.5-turbo-instruct\"}}";
            n++;
            var fragment = content.Length > 0 ? 1 : 0;
            var bytes = Encoding.UTF8.GetByteCount(content);
            // Shapes: a plain event, a keep-alive before it, a comment inside it, its JSON over two data lines,
            // and (for tool calls) argument fragments.
            var eventText = shape switch
            {
                1 => $": keep-alive{eol}{eol}data: {text}{eol}{eol}",
                2 => $"data: {text}{eol}: inside{eol}{eol}",
                3 => $"data:{text.Replace(",\"object\"", $",{eol}data: \"object\"", StringComparison.Ordinal)}{eol}{eol}",
                4 when chat => $"data: {{\"choices\":[{{\"index\":0,\"delta\":{{\"tool_calls\":[{{\"index\":0,\"function\":{{\"arguments\":{json}}}}}]}}}}],\"usage\":null}}{eol}{eol}",
                _ => $"data: {text}{eol}{eol}",
            };
            pieces.Add(new Piece(eventText, "", fragment, bytes));
        }
        UsageReport? expectedUsage = null;
        if (usage is { } u)
        {
            var total = u.WithTotal ? $",\"total_tokens\":{u.Prompt + u.Completion + 1}" : "";
            expectedUsage = new UsageReport(u.Prompt, u.Completion, u.WithTotal ? u.Prompt + u.Completion + 1 : u.Prompt + u.Completion, true);
            var data = $"data: {{\"id\":\"chatcmpl-u\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o-mini\",\"choices\":[],\"usage\":{{\"prompt_tokens\":{u.Prompt},\"completion_tokens\":{u.Completion}{total},\"prompt_tokens_details\":{{\"cached_tokens\":0}}}},\"obfuscation\":\"\\\"usage\\\"\"}}{eol}{eol}";
            // A comment line before the first field line is not part of the event and stays.
            var prefix = usageComment ? $": ping{eol}" : "";
            pieces.Add(new Piece(prefix + data, data, 0, 0));
        }
        if (done)
        {
            pieces.Add(new Piece($"data: [DONE]{eol}{eol}", "", 0, 0));
        }

        var stream = new StringBuilder();
        var stripped = new StringBuilder();
        foreach (var piece in pieces)
        {
            stream.Append(piece.Text);
            stripped.Append(piece.Strippable.Length == 0 ? piece.Text : piece.Text[..^piece.Strippable.Length]);
        }
        return new SseStreamCase(
            Encoding.UTF8.GetBytes(stream.ToString()),
            Encoding.UTF8.GetBytes(stripped.ToString()),
            expectedUsage,
            done,
            pieces.Sum(p => p.Fragments),
            pieces.Sum(p => p.Bytes),
            sizes);
    }

    public static Arbitrary<JsonBodyCase> JsonBodies() =>
        (from kind in Gen.Choose(0, 2)
         from content in JsonString
         from hasUsage in Gen.Elements(true, false)
         from prompt in Gen.Choose(0, 1_000_000)
         from completion in Gen.Choose(0, 1_000_000)
         from usageShape in Gen.Choose(0, 3)
         from decoyAt in Gen.Choose(0, 3)
         from order in Gen.Shuffle(new[] { 0, 1, 2, 3, 4, 5 })
         from spacing in Gen.Elements("", " ", "\n  ", "\r\n\t")
         from sizes in ChunkSizes
         select BuildJson(kind, content, hasUsage ? (prompt, completion, usageShape) : null, decoyAt, order, spacing, sizes)).ToArbitrary();

    private static JsonBodyCase BuildJson(int kind, string content, (int Prompt, int Completion, int Shape)? usage,
        int decoyAt, int[] order, string sp, int[] sizes)
    {
        // Decoys: nested "usage" keys and usage-looking text that must never match.
        var decoy = $"{{{sp}\"usage\"{sp}:{sp}{{\"prompt_tokens\":7,\"total_tokens\":7}},\"text\":{content}}}";
        var choices = kind switch
        {
            0 => $"[{{\"index\":0,\"message\":{{\"role\":\"assistant\",\"content\":{content},\"refusal\":null{(decoyAt == 1 ? ",\"extra\":" + decoy : "")}}},\"finish_reason\":\"stop\"}}]",
            1 => $"[{{\"text\":{content},\"index\":0,\"logprobs\":null,\"finish_reason\":\"stop\"}}]",
            _ => $"[{{\"object\":\"embedding\",\"index\":0,\"embedding\":[0.1,{sp}-0.2e-3,{sp}3]}},{{\"object\":\"embedding\",\"index\":1,\"embedding\":\"AACAPw==\"}}]",
        };
        string? usageJson = null;
        UsageReport? expected = null;
        if (usage is { } u)
        {
            (usageJson, expected) = u.Shape switch
            {
                0 => ($"{{{sp}\"prompt_tokens\":{u.Prompt},{sp}\"completion_tokens\":{u.Completion},{sp}\"total_tokens\":{u.Prompt + u.Completion},\"prompt_tokens_details\":{{\"cached_tokens\":0}}}}",
                    new UsageReport(u.Prompt, u.Completion, u.Prompt + u.Completion, true)),
                1 => ($"{{\"prompt_tokens\":{u.Prompt},\"total_tokens\":{u.Prompt}}}", new UsageReport(u.Prompt, 0, u.Prompt, true)),
                2 => ($"{{\"prompt_tokens\":{u.Prompt},\"completion_tokens\":{u.Completion}}}", new UsageReport(u.Prompt, u.Completion, u.Prompt + u.Completion, true)),
                _ => ("null", (UsageReport?)null),
            };
        }
        var members = new List<string>
        {
            $"\"id\":{sp}\"chatcmpl-x\"",
            $"\"object\":{sp}\"{(kind == 2 ? "list" : "chat.completion")}\"",
            $"\"{(kind == 2 ? "data" : "choices")}\":{sp}{choices}",
            $"\"model\":{sp}\"gpt-4o-mini\"",
            decoyAt == 2 ? $"\"metadata\":{sp}{decoy}" : $"\"service_tier\":{sp}\"default\"",
            usageJson is null ? $"\"system_fingerprint\":{sp}{content}" : $"\"usage\":{sp}{usageJson}",
        };
        var ordered = order.Select(i => members[i]);
        var body = "{" + sp + string.Join("," + sp, ordered) + sp + "}";
        return new JsonBodyCase(Encoding.UTF8.GetBytes(body), expected, sizes);
    }

    private static readonly string[] CapValues = ["", "null", "1", "64", "4096", "100000"];

    private static readonly string[] StreamValues = ["", "true", "false", "null"];

    private static readonly string[] StreamOptionValues =
    [
        "", "null", "{}", "{\"include_usage\":true}", "{\"include_usage\":false}", "{\"include_obfuscation\":false}",
        "{ \"include_obfuscation\" : true , \"include_usage\" : false }", "{\"include_usage\":null}",
    ];

    public static Arbitrary<RequestBodyCase> RequestBodies() =>
        (from content in JsonString
         from maxTokens in Gen.Elements(CapValues)
         from maxCompletionTokens in Gen.Elements(CapValues)
         from stream in Gen.Elements(StreamValues)
         from streamOptions in Gen.Elements(StreamOptionValues)
         from extras in Gen.Elements(true, false)
         from spacing in Gen.Elements("", " ", "\n  ", "\r\n\t")
         from hasCap in Gen.Elements(true, false)
         from cap in Gen.Choose(1, 5000)
         from ensure in Gen.Elements(true, true, false)
         from insertAsCompletion in Gen.Elements(true, false)
         let members = BuildMembers(content, maxTokens, maxCompletionTokens, stream, streamOptions, extras)
         from order in Gen.Shuffle(members.ToArray())
         select new RequestBodyCase(order, spacing, hasCap ? cap : null, ensure, insertAsCompletion)).ToArbitrary();

    private static List<(string Key, string Value)> BuildMembers(string content, string maxTokens, string maxCompletionTokens,
        string stream, string streamOptions, bool extras)
    {
        var members = new List<(string, string)>
        {
            ("model", "\"gpt-4o-mini\""),
            ("messages", $"[{{\"role\":\"user\",\"content\":{content}}},{{\"role\":\"assistant\",\"content\":\"{{\\\"max_tokens\\\":1,\\\"stream_options\\\":null}}\"}}]"),
        };
        if (maxTokens.Length > 0)
        {
            members.Add(("max_tokens", maxTokens));
        }
        if (maxCompletionTokens.Length > 0)
        {
            members.Add(("max_completion_tokens", maxCompletionTokens));
        }
        if (stream.Length > 0)
        {
            members.Add(("stream", stream));
        }
        if (streamOptions.Length > 0)
        {
            members.Add(("stream_options", streamOptions));
        }
        if (extras)
        {
            members.Add(("temperature", "0.2"));
            members.Add(("metadata", "{\"max_tokens\":\"9\",\"stream_options\":{},\"stream\":true}"));
        }
        return members;
    }
}

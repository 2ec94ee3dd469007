using System.Text.Json;
using Microsoft.ML.Tokenizers;

namespace AiGateway.UnitTests.Limits.Estimation;

/// <summary>
/// The expected counts, computed independently of the gateway: <see cref="JsonDocument"/>, whole strings and the
/// tokenizer directly, mirroring the upstream simulator's <c>PromptTokenCounter</c> and the cookbook's Python
/// (<c>num_tokens_from_messages</c>, <c>num_tokens_for_tools</c>) line by line.
/// </summary>
internal static class CookbookReference
{
    public static Tokenizer O200k { get; } = TiktokenTokenizer.CreateForEncoding("o200k_base");

    public static Tokenizer Cl100k { get; } = TiktokenTokenizer.CreateForEncoding("cl100k_base");

    public static int Tokens(Tokenizer tokenizer, string text) => text.Length == 0 ? 0 : tokenizer.CountTokens(text);

    /// <summary>3 per message + every string value (text parts of array content) + 1 per name + 3 priming.</summary>
    public static int Chat(string body, Tokenizer tokenizer)
    {
        using var document = JsonDocument.Parse(body);
        var total = 3;
        foreach (var message in document.RootElement.GetProperty("messages").EnumerateArray())
        {
            total += 3;
            foreach (var property in message.EnumerateObject())
            {
                if (property.Value.ValueKind == JsonValueKind.String)
                {
                    total += Tokens(tokenizer, property.Value.GetString()!);
                }
                else if (property.Value.ValueKind == JsonValueKind.Array && property.NameEquals("content"))
                {
                    foreach (var part in property.Value.EnumerateArray())
                    {
                        if (part.ValueKind == JsonValueKind.Object
                            && part.TryGetProperty("type", out var type) && type.ValueEquals("text")
                            && part.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String)
                        {
                            total += Tokens(tokenizer, text.GetString()!);
                        }
                    }
                }

                if (property.NameEquals("name"))
                {
                    total += 1;
                }
            }
        }

        return total;
    }

    /// <summary>The cookbook's <c>num_tokens_for_tools</c> function part (without the messages).</summary>
    public static int Tools(string body, Tokenizer tokenizer, int funcInit)
    {
        using var document = JsonDocument.Parse(body);
        if (!document.RootElement.TryGetProperty("tools", out var tools) || tools.GetArrayLength() == 0)
        {
            return 0;
        }

        var count = 0;
        foreach (var tool in tools.EnumerateArray())
        {
            count += funcInit;
            var function = tool.GetProperty("function");
            var description = StripPeriod(function.GetProperty("description").GetString()!);
            count += Tokens(tokenizer, function.GetProperty("name").GetString() + ":" + description);
            var properties = function.GetProperty("parameters").GetProperty("properties");
            if (properties.EnumerateObject().Any())
            {
                count += 3;
                foreach (var property in properties.EnumerateObject())
                {
                    count += 3;
                    var type = property.Value.GetProperty("type").GetString();
                    var propertyDescription = property.Value.GetProperty("description").GetString()!;
                    if (property.Value.TryGetProperty("enum", out var items))
                    {
                        count -= 3;
                        foreach (var item in items.EnumerateArray())
                        {
                            count += 3 + Tokens(tokenizer, item.GetString()!);
                        }
                    }

                    count += Tokens(tokenizer, $"{property.Name}:{type}:{StripPeriod(propertyDescription)}");
                }
            }
        }

        return count + 12;
    }

    /// <summary>Embedding <c>input</c> or completion <c>prompt</c>: tokens of each string, length of each id array.</summary>
    public static int Inputs(string body, string property, Tokenizer tokenizer)
    {
        using var document = JsonDocument.Parse(body);
        var input = document.RootElement.GetProperty(property);
        if (input.ValueKind == JsonValueKind.String)
        {
            return Tokens(tokenizer, input.GetString()!);
        }

        if (input[0].ValueKind == JsonValueKind.Number)
        {
            return input.GetArrayLength();
        }

        var total = 0;
        foreach (var item in input.EnumerateArray())
        {
            total += item.ValueKind == JsonValueKind.String ? Tokens(tokenizer, item.GetString()!) : item.GetArrayLength();
        }

        return total;
    }

    private static string StripPeriod(string text) => text.EndsWith('.') ? text[..^1] : text;
}

using System.Buffers.Text;

namespace AiGateway.LoadTests;

/// <summary>Byte-level lookups in OpenAI JSON, without parsing it: enough for counting, cheap enough for every response.</summary>
internal static class UsageFields
{
    /// <summary>
    /// Reads the last <c>"completion_tokens": N</c> in <paramref name="json"/>. The colon right after the quote
    /// keeps <c>completion_tokens_details</c> from matching.
    /// </summary>
    public static bool TryReadCompletionTokens(ReadOnlySpan<byte> json, out long tokens)
    {
        tokens = 0;
        var at = json.LastIndexOf("\"completion_tokens\":"u8);
        if (at < 0)
        {
            return false;
        }

        var rest = json[(at + "\"completion_tokens\":"u8.Length)..].TrimStart(" "u8);
        return Utf8Parser.TryParse(rest, out tokens, out _);
    }

    /// <summary>True when <paramref name="json"/> has a <c>"content"</c> string that is not empty (a chunk carrying tokens).</summary>
    public static bool HasNonEmptyContent(ReadOnlySpan<byte> json)
    {
        var key = "\"content\":"u8;
        for (var at = json.IndexOf(key); at >= 0; at = json.IndexOf(key))
        {
            var value = json[(at + key.Length)..].TrimStart(" "u8);
            if (value.Length >= 2 && value[0] == (byte)'"' && value[1] != (byte)'"')
            {
                return true;
            }

            json = value;
        }

        return false;
    }
}

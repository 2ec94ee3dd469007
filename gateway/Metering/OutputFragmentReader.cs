using System.Buffers;
using System.Text.Json;

namespace AiGateway.Metering;

/// <summary>
/// Counts the output a streamed choice carries, for estimating usage when no usage chunk arrives:
/// chat <c>delta</c> text (<c>content</c>, <c>refusal</c>, <c>reasoning_content</c>/<c>reasoning</c>),
/// tool-call and legacy function-call <c>arguments</c>, and legacy completions' <c>text</c>.
/// Empty strings (the role chunk's <c>""</c>) are not output and are not counted.
/// </summary>
internal static class OutputFragmentReader
{
    /// <summary>Strings up to this size are unescaped on the stack to measure them.</summary>
    private const int StackUnescapeBytes = 256;

    /// <summary>Reads one <c>choices[]</c> element (reader on its first token) and adds what it carries.</summary>
    public static void ReadChoice(ref Utf8JsonReader reader, ref int fragments, ref long bytes)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("delta"u8))
            {
                reader.Read();
                ReadDelta(ref reader, ref fragments, ref bytes);
            }
            else if (reader.ValueTextEquals("text"u8))
            {
                reader.Read();
                CountString(ref reader, ref fragments, ref bytes);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    private static void ReadDelta(ref Utf8JsonReader reader, ref int fragments, ref long bytes)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("content"u8) || reader.ValueTextEquals("refusal"u8)
                || reader.ValueTextEquals("reasoning_content"u8) || reader.ValueTextEquals("reasoning"u8))
            {
                reader.Read();
                CountString(ref reader, ref fragments, ref bytes);
            }
            else if (reader.ValueTextEquals("tool_calls"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartArray)
                {
                    reader.Skip();
                    continue;
                }
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    ReadFunctionHolder(ref reader, ref fragments, ref bytes);
                }
            }
            else if (reader.ValueTextEquals("function_call"u8))
            {
                // The deprecated single function call carries its arguments directly.
                reader.Read();
                ReadArguments(ref reader, ref fragments, ref bytes);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    /// <summary>One <c>tool_calls[]</c> entry: <c>{index, id?, type?, function{name?, arguments?}}</c>.</summary>
    private static void ReadFunctionHolder(ref Utf8JsonReader reader, ref int fragments, ref long bytes)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isFunction = reader.ValueTextEquals("function"u8);
            reader.Read();
            if (isFunction)
            {
                ReadArguments(ref reader, ref fragments, ref bytes);
            }
            else
            {
                reader.Skip();
            }
        }
    }

    private static void ReadArguments(ref Utf8JsonReader reader, ref int fragments, ref long bytes)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isArguments = reader.ValueTextEquals("arguments"u8);
            reader.Read();
            if (isArguments)
            {
                CountString(ref reader, ref fragments, ref bytes);
            }
            else
            {
                reader.Skip();
            }
        }
    }

    /// <summary>Counts a non-empty string value; other tokens (null, objects) are skipped.</summary>
    private static void CountString(ref Utf8JsonReader reader, ref int fragments, ref long bytes)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            reader.Skip();
            return;
        }
        var length = reader.ValueIsEscaped ? UnescapedLength(ref reader) : reader.ValueSpan.Length;
        if (length > 0)
        {
            fragments++;
            bytes += length;
        }
    }

    private static int UnescapedLength(ref Utf8JsonReader reader)
    {
        // Unescaped text is never longer than its escaped form.
        var escapedLength = reader.ValueSpan.Length;
        if (escapedLength <= StackUnescapeBytes)
        {
            Span<byte> scratch = stackalloc byte[StackUnescapeBytes];
            return reader.CopyString(scratch);
        }
        var rented = ArrayPool<byte>.Shared.Rent(escapedLength);
        try
        {
            return reader.CopyString(rented);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}

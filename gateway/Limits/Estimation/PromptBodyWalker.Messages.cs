using System.Text.Json;

namespace AiGateway.Limits.Estimation;

/// <summary>Chat <c>messages</c>: per-message overhead, string values, names, content parts, tool calls.</summary>
internal static partial class PromptBodyWalker
{
    private const int TokensPerMessage = 3;
    private const int TokensPerName = 1;

    private static long CountMessages<TMeasure>(ref Utf8JsonReader reader, ref TMeasure measure)
        where TMeasure : struct, ITextMeasure
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return 0;
        }

        long tokens = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType == JsonTokenType.StartObject)
            {
                tokens += TokensPerMessage + CountMessage(ref reader, ref measure);
            }
            else
            {
                reader.Skip();
            }
        }

        return tokens;
    }

    private static long CountMessage<TMeasure>(ref Utf8JsonReader reader, ref TMeasure measure)
        where TMeasure : struct, ITextMeasure
    {
        long tokens = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isName = reader.ValueTextEquals("name"u8);
            var isRole = !isName && reader.ValueTextEquals("role"u8);
            var isContent = !isName && !isRole && reader.ValueTextEquals("content"u8);
            var isToolCalls = !isName && !isRole && !isContent && reader.ValueTextEquals("tool_calls"u8);
            reader.Read();
            switch (reader.TokenType)
            {
                case JsonTokenType.String:
                    tokens += isRole ? measure.CountRole(ref reader) : measure.Count(ref reader);
                    tokens += isName ? TokensPerName : 0;
                    break;
                case JsonTokenType.StartArray when isContent:
                    tokens += CountContentParts(ref reader, ref measure);
                    break;
                case JsonTokenType.StartArray when isToolCalls:
                    tokens += CountToolCalls(ref reader, ref measure);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return tokens;
    }

    private static long CountContentParts<TMeasure>(ref Utf8JsonReader reader, ref TMeasure measure)
        where TMeasure : struct, ITextMeasure
    {
        long tokens = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }

            // "type" may follow "text", so the text is counted first and kept only for a text part.
            bool isText = false;
            long text = 0;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isType = reader.ValueTextEquals("type"u8);
                var isTextValue = !isType && reader.ValueTextEquals("text"u8);
                reader.Read();
                if (reader.TokenType == JsonTokenType.String && isType)
                {
                    isText = reader.ValueTextEquals("text"u8);
                }
                else if (reader.TokenType == JsonTokenType.String && isTextValue)
                {
                    text += measure.Count(ref reader);
                }
                else
                {
                    reader.Skip();
                }
            }

            tokens += isText ? text : 0;
        }

        return tokens;
    }

    private static long CountToolCalls<TMeasure>(ref Utf8JsonReader reader, ref TMeasure measure)
        where TMeasure : struct, ITextMeasure
    {
        long tokens = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isFunction = reader.ValueTextEquals("function"u8);
                reader.Read();
                if (isFunction && reader.TokenType == JsonTokenType.StartObject)
                {
                    tokens += CountStringValues(ref reader, ref measure);
                }
                else
                {
                    reader.Skip();
                }
            }
        }

        return tokens;
    }

    /// <summary>Tokens of the string values directly inside the object the reader is on (name, arguments).</summary>
    private static long CountStringValues<TMeasure>(ref Utf8JsonReader reader, ref TMeasure measure)
        where TMeasure : struct, ITextMeasure
    {
        long tokens = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            reader.Read();
            if (reader.TokenType == JsonTokenType.String)
            {
                tokens += measure.Count(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }

        return tokens;
    }
}

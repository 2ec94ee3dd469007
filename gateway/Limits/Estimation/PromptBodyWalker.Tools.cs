using System.Text.Json;

namespace AiGateway.Limits.Estimation;

/// <summary>Tool definitions, after the cookbook's <c>num_tokens_for_tools</c> (WIRE-FACTS B.6).</summary>
/// <remarks>
/// Per function <c>func_init</c> (7 for o200k models, 10 for cl100k; see <see cref="ITextMeasure.FunctionInit"/>)
/// plus the tokens of <c>name:description</c>; if its parameters have properties, <c>prop_init</c> 3 and per
/// property <c>prop_key</c> 3 plus <c>key:type:description</c>, and for an <c>enum</c> <c>enum_init</c> −3 plus 3
/// and the tokens of each item; after all functions <c>func_end</c> 12. One trailing period is dropped from each
/// description. This is the cookbook's empirical fit, which matches the API on its example (101 tokens on
/// gpt-4o, 105 on gpt-4) but is approximate in general: nested object properties, <c>items</c>, <c>required</c>,
/// <c>strict</c> and non-string types are not counted, and a missing name, type or description counts as empty.
/// </remarks>
internal static partial class PromptBodyWalker
{
    private const int PropertiesInit = 3;
    private const int PropertyKey = 3;
    private const int EnumInit = -3;
    private const int EnumItem = 3;
    private const int FunctionsEnd = 12;

    /// <summary>
    /// A <c>tools</c> array (<paramref name="wrapped"/>: <c>{"type":"function","function":{…}}</c> items) or a legacy
    /// <c>functions</c> array (function objects directly).
    /// </summary>
    private static long CountTools<TMeasure>(ref Utf8JsonReader reader, ReadOnlySpan<byte> body, ref TMeasure measure, bool wrapped)
        where TMeasure : struct, ITextMeasure
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return 0;
        }

        long tokens = 0;
        var functions = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
            }
            else if (!wrapped)
            {
                tokens += CountFunction(ref reader, body, ref measure);
                functions++;
            }
            else
            {
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var isFunction = reader.ValueTextEquals("function"u8);
                    reader.Read();
                    if (isFunction && reader.TokenType == JsonTokenType.StartObject)
                    {
                        tokens += CountFunction(ref reader, body, ref measure);
                        functions++;
                    }
                    else
                    {
                        reader.Skip();
                    }
                }
            }
        }

        return functions > 0 ? tokens + FunctionsEnd : 0;
    }

    private static long CountFunction<TMeasure>(ref Utf8JsonReader reader, ReadOnlySpan<byte> body, ref TMeasure measure)
        where TMeasure : struct, ITextMeasure
    {
        JsonStringRef name = default, description = default;
        long properties = 0;
        var propertyCount = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isName = reader.ValueTextEquals("name"u8);
            var isDescription = !isName && reader.ValueTextEquals("description"u8);
            var isParameters = !isName && !isDescription && reader.ValueTextEquals("parameters"u8);
            reader.Read();
            if (reader.TokenType == JsonTokenType.String && (isName || isDescription))
            {
                (isName ? ref name : ref description) = JsonStringRef.At(ref reader);
            }
            else if (reader.TokenType == JsonTokenType.StartObject && isParameters)
            {
                properties += CountParameters(ref reader, body, ref measure, ref propertyCount);
            }
            else
            {
                reader.Skip();
            }
        }

        long tokens = measure.FunctionInit + measure.CountLine(body, [name, description]);
        return propertyCount > 0 ? tokens + PropertiesInit + properties : tokens;
    }

    /// <summary>The <c>properties</c> of a <c>parameters</c> schema object; other keywords are skipped.</summary>
    private static long CountParameters<TMeasure>(ref Utf8JsonReader reader, ReadOnlySpan<byte> body, ref TMeasure measure, ref int propertyCount)
        where TMeasure : struct, ITextMeasure
    {
        long tokens = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isProperties = reader.ValueTextEquals("properties"u8);
            reader.Read();
            if (!isProperties || reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var key = JsonStringRef.At(ref reader);
                propertyCount++;
                tokens += PropertyKey;
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    tokens += CountProperty(ref reader, body, ref measure, key);
                }
                else
                {
                    reader.Skip();
                    tokens += measure.CountLine(body, [key, default, default]);
                }
            }
        }

        return tokens;
    }

    private static long CountProperty<TMeasure>(ref Utf8JsonReader reader, ReadOnlySpan<byte> body, ref TMeasure measure, JsonStringRef key)
        where TMeasure : struct, ITextMeasure
    {
        JsonStringRef type = default, description = default;
        long tokens = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isType = reader.ValueTextEquals("type"u8);
            var isDescription = !isType && reader.ValueTextEquals("description"u8);
            var isEnum = !isType && !isDescription && reader.ValueTextEquals("enum"u8);
            reader.Read();
            if (reader.TokenType == JsonTokenType.String && (isType || isDescription))
            {
                (isType ? ref type : ref description) = JsonStringRef.At(ref reader);
            }
            else if (reader.TokenType == JsonTokenType.StartArray && isEnum)
            {
                tokens += EnumInit + CountEnumItems(ref reader, ref measure);
            }
            else
            {
                reader.Skip();
            }
        }

        return tokens + measure.CountLine(body, [key, type, description]);
    }

    private static long CountEnumItems<TMeasure>(ref Utf8JsonReader reader, ref TMeasure measure)
        where TMeasure : struct, ITextMeasure
    {
        long tokens = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            tokens += EnumItem;
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

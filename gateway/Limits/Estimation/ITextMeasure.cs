using System.Text.Json;

namespace AiGateway.Limits.Estimation;

/// <summary>
/// Turns the strings <see cref="PromptBodyWalker"/> finds into tokens. Implemented by structs and used as a generic
/// constraint, so the walker is specialised per measure with no boxing or virtual calls.
/// </summary>
internal interface ITextMeasure
{
    /// <summary>The cookbook's <c>func_init</c>: tokens added per tool function (7 for o200k models, 10 for cl100k).</summary>
    int FunctionInit { get; }

    /// <summary>Tokens of the string the reader is on (a <see cref="JsonTokenType.String"/> or property name).</summary>
    int Count(ref Utf8JsonReader reader);

    /// <summary>Tokens of a message's <c>role</c> value (every OpenAI role is a single token).</summary>
    int CountRole(ref Utf8JsonReader reader);

    /// <summary>
    /// Tokens of the parts joined with <c>:</c>, one trailing <c>.</c> dropped from the last part, as the cookbook
    /// encodes tool lines (<c>name:description</c>, <c>name:type:description</c>). Missing parts are empty.
    /// </summary>
    int CountLine(ReadOnlySpan<byte> body, ReadOnlySpan<JsonStringRef> parts);
}

using System.Text.Json;

namespace AiGateway.Limits.Estimation;

/// <summary>
/// Where a JSON string (value or property name) starts in the body, kept so that a forward-only pass can come back
/// to it: the cookbook joins a tool's name and description, which may appear in either order. The default value
/// means "absent".
/// </summary>
internal readonly struct JsonStringRef
{
    // Offset of the opening quote plus one, so that default(JsonStringRef) is "absent".
    private readonly int _quotePlusOne;

    private JsonStringRef(int quotePlusOne) => _quotePlusOne = quotePlusOne;

    public bool IsPresent => _quotePlusOne > 0;

    /// <summary>Remembers the string or property name the reader is on.</summary>
    public static JsonStringRef At(ref Utf8JsonReader reader) => new(checked((int)reader.TokenStartIndex + 1));

    /// <summary>A reader positioned on the remembered string; false when absent.</summary>
    public bool TryRead(ReadOnlySpan<byte> body, out Utf8JsonReader reader)
    {
        if (!IsPresent)
        {
            reader = default;
            return false;
        }

        // The body was read once already, so the string token here is complete and well formed; reading only this
        // one token never looks at what follows it.
        reader = new Utf8JsonReader(body[(_quotePlusOne - 1)..]);
        return reader.Read() && reader.TokenType == JsonTokenType.String;
    }
}

using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AiGateway.VaultDouble;

/// <summary>JSON settings shared by everything the double writes or parses.</summary>
internal static class VaultJson
{
    /// <summary>
    /// Compact output. The relaxed encoder leaves <c>+</c>, quotes in messages and non-ASCII text readable, closer to
    /// Go's encoder than the default one, which escapes them all (still valid JSON either way).
    /// </summary>
    public static JsonWriterOptions WriterOptions { get; } = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    public static JsonDocumentOptions DocumentOptions { get; } = new() { MaxDepth = 64 };

    /// <summary>Serializes a node with <see cref="WriterOptions"/> (tests and the seed file use it; responses stream).</summary>
    public static string ToText(JsonNode node)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            node.WriteTo(writer);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}

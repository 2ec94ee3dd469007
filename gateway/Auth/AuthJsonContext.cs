using System.Text.Json;
using System.Text.Json.Serialization;

namespace AiGateway.Auth;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true,
    UseStringEnumConverter = true, Converters = [typeof(TokenHashJsonConverter)])]
[JsonSerializable(typeof(List<TokenRecord>))]
internal sealed partial class AuthJsonContext : JsonSerializerContext;

/// <summary>Persists a <see cref="TokenHash"/> as its hex text.</summary>
internal sealed class TokenHashJsonConverter : JsonConverter<TokenHash>
{
    public override TokenHash Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        return TokenHash.Parse(reader.GetString() ?? throw new JsonException("A token hash must be a hex string."));
    }

    public override void Write(Utf8JsonWriter writer, TokenHash value, JsonSerializerOptions options)
    {
        writer.WriteStringValue(value.ToString());
    }
}

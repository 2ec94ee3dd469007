using System.Text.Json;
using System.Text.Json.Serialization;

namespace AiGateway.Auth.Redis;

/// <summary>
/// JSON of token records in Redis: the same shape as the embedded store's <c>tokens.json</c> entries (web
/// naming, string enums, the hash as hex through <see cref="TokenHashJsonConverter"/>), without indentation.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true, Converters = [typeof(TokenHashJsonConverter)])]
[JsonSerializable(typeof(TokenRecord))]
[JsonSerializable(typeof(TokenEventMessage))]
internal sealed partial class RedisTokenJsonContext : JsonSerializerContext;

/// <summary>
/// What every replica hears on the token events channel when a token is added or changes status: which
/// cache entry to drop. The id and the hash (hex) only; never a secret.
/// </summary>
internal sealed record TokenEventMessage(string Id, string Hash);

using System.Text.Json;
using System.Text.Json.Serialization;
using AiGateway.Auth;

namespace AiGateway.Admin;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true,
    UseStringEnumConverter = true, Converters = [typeof(TokenHashJsonConverter)])]
[JsonSerializable(typeof(List<AdminCredentialRecord>))]
internal sealed partial class AdminStoreJsonContext : JsonSerializerContext;

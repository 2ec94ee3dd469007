using System.Text.Json;
using System.Text.Json.Serialization;

namespace AiGateway.Spend;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(List<string>))]
internal sealed partial class SpendJsonContext : JsonSerializerContext;

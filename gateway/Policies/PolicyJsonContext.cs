using System.Text.Json;
using System.Text.Json.Serialization;

namespace AiGateway.Policies;

// Unknown properties are errors: a typo such as "model" for "models" must not silently allow nothing.
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(TeamPolicyDocument))]
internal sealed partial class PolicyJsonContext : JsonSerializerContext;

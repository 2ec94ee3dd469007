using System.Text.Json.Serialization;

namespace AiGateway.VaultDouble;

/// <summary>Source-generated JSON for the seed file. Unknown keys are errors: a typo must not silently seed nothing.</summary>
[JsonSourceGenerationOptions(
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(SeedDocument))]
internal sealed partial class SeedJsonContext : JsonSerializerContext;

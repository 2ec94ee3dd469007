using System.Text.Json.Serialization;

namespace AiGateway.LoadTests;

/// <summary>Source-generated JSON for reports and plan files: camelCase, indented.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(LoadReport))]
[JsonSerializable(typeof(PlanFile))]
internal sealed partial class ReportJsonContext : JsonSerializerContext;

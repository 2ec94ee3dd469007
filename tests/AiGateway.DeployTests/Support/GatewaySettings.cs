using System.Text.Json;

namespace AiGateway.DeployTests.Support;

/// <summary>
/// The gateway's setting names, from appsettings.sample.json (which documents every one), as environment variable
/// names (<c>Section__Key</c>). A deploy file setting a name not listed here sets nothing: a typo.
/// </summary>
internal static class GatewaySettings
{
    private static readonly Lazy<(HashSet<string> Leaves, HashSet<string> Collections)> Names = new(Load);

    /// <summary>Not in the sample, still read by the gateway or the .NET host.</summary>
    private static readonly string[] OtherPrefixes = ["ASPNETCORE_", "DOTNET_", "OTEL_", "HOLYSHEEP_API_KEY"];

    public static bool IsKnown(string envName) =>
        OtherPrefixes.Any(p => envName.StartsWith(p, StringComparison.Ordinal))
        || Names.Value.Leaves.Contains(envName)
        || Names.Value.Collections.Any(c => envName.StartsWith(c + "__", StringComparison.Ordinal));

    private static (HashSet<string>, HashSet<string>) Load()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "appsettings.sample.json")));
        var leaves = new HashSet<string>(StringComparer.Ordinal);
        var collections = new HashSet<string>(StringComparer.Ordinal);
        Walk(doc.RootElement, null, leaves, collections);
        return (leaves, collections);
    }

    private static void Walk(JsonElement element, string? prefix, HashSet<string> leaves, HashSet<string> collections)
    {
        foreach (var property in element.EnumerateObject().Where(p => !p.Name.StartsWith('_')))
        {
            var name = prefix is null ? property.Name : $"{prefix}__{property.Name}";
            switch (property.Value.ValueKind)
            {
                case JsonValueKind.Object:
                    // Sections are not free-form, except the log-level dictionary (any category name).
                    if (name == "Logging__LogLevel")
                    {
                        collections.Add(name);
                    }

                    Walk(property.Value, name, leaves, collections);
                    break;
                case JsonValueKind.Array:
                    collections.Add(name);
                    break;
                default:
                    leaves.Add(name);
                    break;
            }
        }
    }
}

namespace AiGateway.DeployTests.Support;

/// <summary>Typed access to what <see cref="YamlSubsetReader"/> returns, failing with the path on a shape mismatch.</summary>
internal static class YamlNodes
{
    public static Dictionary<string, object?> Map(object? node, string path) =>
        node as Dictionary<string, object?> ?? throw new FormatException($"{path}: expected a mapping");

    public static List<object?> List(object? node, string path) =>
        node as List<object?> ?? throw new FormatException($"{path}: expected a sequence");

    /// <summary>The mapping under <paramref name="key"/>, empty when the key is absent.</summary>
    public static Dictionary<string, string> StringMap(Dictionary<string, object?> map, string key, string path) =>
        map.TryGetValue(key, out var node) && node is not null
            ? Map(node, $"{path}.{key}").ToDictionary(kv => kv.Key, kv => Str(kv.Value, $"{path}.{key}.{kv.Key}"), StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The sequence under <paramref name="key"/>, empty when the key is absent.</summary>
    public static List<object?> ListOrEmpty(Dictionary<string, object?> map, string key, string path) =>
        map.TryGetValue(key, out var node) && node is not null ? List(node, $"{path}.{key}") : [];

    public static string Str(object? node, string path) =>
        node as string ?? throw new FormatException($"{path}: expected a scalar");

    public static string? OptionalStr(Dictionary<string, object?> map, string key, string path) =>
        map.TryGetValue(key, out var node) && node is not null ? Str(node, $"{path}.{key}") : null;
}

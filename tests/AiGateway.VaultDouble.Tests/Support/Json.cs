using System.Text.Json.Nodes;

namespace AiGateway.VaultDouble.Tests;

/// <summary>Small JSON assertions that keep the wire tests readable.</summary>
internal static class Json
{
    /// <summary>The property names of an object, in order.</summary>
    public static string[] Keys(JsonNode? node) => [.. node!.AsObject().Select(static p => p.Key)];

    /// <summary>Asserts a property is present with a JSON null value (present-and-null, not missing).</summary>
    public static void AssertNullProperty(JsonNode? node, string name)
    {
        var obj = node!.AsObject();
        Assert.True(obj.ContainsKey(name), $"'{name}' is missing");
        Assert.Null(obj[name]);
    }

    public static string[] Strings(JsonNode? node) => [.. node!.AsArray().Select(static n => n!.GetValue<string>())];
}

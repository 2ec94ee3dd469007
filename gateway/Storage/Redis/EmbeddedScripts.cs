namespace AiGateway.Storage.Redis;

/// <summary>Reads the Lua scripts embedded in the assembly (by the end of their resource name), once each.</summary>
internal static class EmbeddedScripts
{
    public static string Read(string resourceSuffix)
    {
        var assembly = typeof(EmbeddedScripts).Assembly;
        var resource = assembly.GetManifestResourceNames().Single(n => n.EndsWith(resourceSuffix, StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

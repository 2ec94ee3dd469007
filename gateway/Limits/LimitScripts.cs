namespace AiGateway.Limits;

/// <summary>The Lua scripts, embedded in the assembly and read once. StackExchange.Redis sends each by SHA after first use and re-sends on NOSCRIPT.</summary>
internal static class LimitScripts
{
    public static readonly string Admit = Read("admit.lua");
    public static readonly string Reconcile = Read("reconcile.lua");

    private static string Read(string name)
    {
        var assembly = typeof(LimitScripts).Assembly;
        var resource = assembly.GetManifestResourceNames().Single(n => n.EndsWith("." + name, StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

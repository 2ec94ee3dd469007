namespace AiGateway.Limits;

/// <summary>The Lua scripts, embedded in the assembly and read once. StackExchange.Redis sends each by SHA after first use and re-sends on NOSCRIPT.</summary>
internal static class LimitScripts
{
    public static readonly string Admit = Read("admit.lua");
    public static readonly string Reconcile = Read("reconcile.lua");

    private static string Read(string name) => Storage.Redis.EmbeddedScripts.Read(".Limits.Scripts." + name);
}

namespace AiGateway.Spend;

/// <summary>The spend Lua scripts, embedded in the assembly, each prefixed with the shared <c>common.lua</c>.</summary>
internal static class SpendScripts
{
    public static readonly string Reserve = Read("common.lua") + "\n" + Read("reserve.lua");
    public static readonly string Settle = Read("common.lua") + "\n" + Read("settle.lua");

    private static string Read(string name) => Storage.Redis.EmbeddedScripts.Read(".Spend.Scripts." + name);
}

namespace AiGateway.VaultDouble;

/// <summary>Builds parse errors that name the source, line and column, so a broken policy file is fixed in one look.</summary>
internal static class HclErrors
{
    public static FormatException At(string sourceName, int line, int column, string message) =>
        new($"{sourceName}:{line}:{column}: {message}");
}

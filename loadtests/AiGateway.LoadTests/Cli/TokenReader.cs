namespace AiGateway.LoadTests;

/// <summary>Resolves a token argument: the token itself, <c>@path</c> (file contents) or <c>env:NAME</c> (environment variable).</summary>
internal static class TokenReader
{
    /// <summary>Reads the token; relative <c>@paths</c> resolve against <paramref name="baseFolder"/>.</summary>
    public static string Read(string value, string baseFolder)
    {
        string token;
        if (value.StartsWith('@'))
        {
            var path = Path.Combine(baseFolder, value[1..]);
            if (!File.Exists(path))
            {
                throw new CliUsageException($"token file '{path}' does not exist.");
            }

            token = File.ReadAllText(path);
        }
        else if (value.StartsWith("env:", StringComparison.Ordinal))
        {
            token = Environment.GetEnvironmentVariable(value[4..]) ?? throw new CliUsageException($"environment variable '{value[4..]}' is not set.");
        }
        else
        {
            token = value;
        }

        // A token read from a file usually ends in a newline.
        token = token.Trim();
        return token.Length > 0 ? token : throw new CliUsageException($"the token from '{value}' is empty.");
    }
}

using System.Diagnostics;

namespace AiGateway.DeployTests.Support;

/// <summary>
/// Runs a command-line tool (promtool, kubectl, bash) as a real process in the repository root. A tool missing from
/// PATH fails the test with <c>missingHint</c>, which says how to install it.
/// </summary>
internal static class ExternalTool
{
    public static ToolResult Run(string tool, IEnumerable<string> args, TimeSpan timeout, string missingHint,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var path = Find(tool) ?? throw new Xunit.Sdk.XunitException($"{tool} was not found on PATH. {missingHint}");
        var start = new ProcessStartInfo(path)
        {
            WorkingDirectory = RepoPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {path}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var command = $"{tool} {string.Join(' ', start.ArgumentList)}";
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{command} did not finish within {timeout}.");
        }

        process.WaitForExit();
        return new ToolResult(command, process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>The full path of <paramref name="tool"/> on PATH, or null.</summary>
    public static string? Find(string tool)
    {
        var dirs = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return dirs.Select(d => Path.Combine(d, tool)).FirstOrDefault(File.Exists);
    }
}

/// <summary>What one tool run returned.</summary>
internal sealed record ToolResult(string Command, int ExitCode, string Stdout, string Stderr)
{
    /// <summary>The command and everything it printed, for assertion messages.</summary>
    public string Transcript => $"$ {Command}\n{Stdout}{Stderr}";
}

using System.Diagnostics;

namespace AiGateway.DeployTests.Support;

/// <summary>Runs Prometheus's <c>promtool</c> as a real process. A missing promtool fails the test.</summary>
internal static class Promtool
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <summary>Runs <c>promtool args…</c> in the repository root and returns its exit code and output.</summary>
    public static PromtoolResult Run(params string[] args)
    {
        var path = Find() ?? throw new Xunit.Sdk.XunitException(
            "promtool was not found on PATH. It ships with Debian's `prometheus` package: run ./test.sh "
            + "(it installs missing test dependencies) or `apt-get install -y prometheus`.");

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

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {path}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"promtool {string.Join(' ', args)} did not finish within {Timeout}.");
        }

        process.WaitForExit();
        var output = $"$ promtool {string.Join(' ', args)}\n{stdout.Result}{stderr.Result}";
        return new PromtoolResult(process.ExitCode, output);
    }

    private static string? Find()
    {
        var dirs = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return dirs.Select(d => Path.Combine(d, "promtool")).FirstOrDefault(File.Exists);
    }
}

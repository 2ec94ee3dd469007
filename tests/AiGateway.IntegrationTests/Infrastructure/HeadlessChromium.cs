using System.Diagnostics;
using System.Text;

namespace AiGateway.IntegrationTests.Infrastructure;

/// <summary>
/// Drives the system's Chromium from its command line (<c>--headless --dump-dom</c> / <c>--screenshot</c>):
/// one short-lived browser per call, each with its own throw-away profile, killed with its whole process tree
/// when it overruns. <c>--virtual-time-budget</c> lets the page's scripts and fetches settle before the DOM
/// is serialized or the picture taken, and virtual time does not advance while a fetch is pending.
/// </summary>
/// <remarks>
/// The URL is on the browser's command line, visible to other local users through the process list; tests
/// put only throw-away test credentials there.
/// </remarks>
public static class HeadlessChromium
{
    private static readonly string[] Candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];

    private static readonly Lazy<string> Executable = new(Find);

    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The rendered DOM once the page's scripts have settled, and what the page wrote to its console (script
    /// errors, Content-Security-Policy violations, failed loads). When <paramref name="settled"/> is given, the
    /// page is loaded again until the DOM satisfies it or <paramref name="deadline"/> passes (a browser on a
    /// loaded machine may serialize before a slow response arrives); the last rendering is returned either way.
    /// </summary>
    public static async Task<RenderedPage> DumpDomAsync(Uri url, Func<string, bool>? settled = null, TimeSpan? deadline = null)
    {
        var until = Stopwatch.GetTimestamp() + (long)((deadline ?? TimeSpan.FromSeconds(30)).TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            // Console messages reach stderr only with logging on; Chromium's own noise there is filtered out.
            var (stdout, stderr) = await RunAsync(["--enable-logging=stderr", "--v=0", "--dump-dom", url.AbsoluteUri]);
            if (settled is null || settled(stdout) || Stopwatch.GetTimestamp() > until)
            {
                var console = stderr.Split('\n').Where(line => line.Contains(":CONSOLE", StringComparison.Ordinal)).Select(line => line.Trim()).ToList();
                return new RenderedPage(stdout, console);
            }
        }
    }

    /// <summary>Saves a PNG of the page, <paramref name="width"/> by <paramref name="height"/> CSS pixels, to <paramref name="path"/>.</summary>
    public static async Task ScreenshotAsync(Uri url, string path, int width = 1400, int height = 1800)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.Delete(path);
        var (_, stderr) = await RunAsync([$"--screenshot={Path.GetFullPath(path)}", $"--window-size={width},{height}", "--hide-scrollbars", url.AbsoluteUri]);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"Chromium wrote no screenshot to {path}. Its stderr ended with:{Environment.NewLine}{Tail(stderr)}");
        }
    }

    private static async Task<(string Stdout, string Stderr)> RunAsync(IEnumerable<string> arguments)
    {
        var profile = TestPaths.NewTempFolder("chromium-profile");
        var start = new ProcessStartInfo(Executable.Value)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var argument in (string[])[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
            "--no-default-browser-check", "--disable-extensions", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--mute-audio", $"--user-data-dir={profile}", "--virtual-time-budget=10000"])
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {Executable.Value}.");
        try
        {
            // Both pipes are drained concurrently: Chromium writes plenty to stderr and would block on a full pipe.
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(RunTimeout);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Chromium did not finish within {RunTimeout.TotalSeconds:0} s; it was killed. Arguments: {string.Join(' ', start.ArgumentList)}");
            }
            var (output, errors) = (await stdout, await stderr);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"Chromium exited with {process.ExitCode}. Its stderr ended with:{Environment.NewLine}{Tail(errors)}");
            }
            return (output, errors);
        }
        finally
        {
            // Never leave a browser behind: on timeout or any failure the renderer and GPU helpers go too.
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
            TryDelete(profile);
        }
    }

    private static string Find()
    {
        foreach (var candidate in Candidates)
        {
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(dir => new[] { Path.Combine(dir, "chromium"), Path.Combine(dir, "chromium-browser") })
            .FirstOrDefault(File.Exists);
        return onPath ?? throw new InvalidOperationException(
            "Chromium is not installed: the finance dashboard tests render the page in headless Chromium and found neither " +
            $"{string.Join(" nor ", Candidates)} nor chromium on PATH. Install it with 'apt-get install -y chromium' (./test.sh does this).");
    }

    private static string Tail(string text) => text.Length <= 2000 ? text : text[^2000..];

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A helper process may still hold a file for a moment; the folder is under the test temp root anyway.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }
}

/// <summary>A page as headless Chromium left it: the serialized DOM and the console lines it logged.</summary>
public sealed record RenderedPage(string Dom, IReadOnlyList<string> Console);

namespace AiGateway.DeployTests.Support;

/// <summary>Runs Prometheus's <c>promtool</c> as a real process. A missing promtool fails the test.</summary>
internal static class Promtool
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <summary>Runs <c>promtool args…</c> in the repository root and returns its exit code and output.</summary>
    public static PromtoolResult Run(params string[] args)
    {
        var result = ExternalTool.Run("promtool", args, Timeout,
            "It ships with Debian's `prometheus` package: run ./test.sh (it installs missing test dependencies) or `apt-get install -y prometheus`.");
        return new PromtoolResult(result.ExitCode, result.Transcript);
    }
}

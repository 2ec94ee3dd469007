namespace AiGateway.DeployTests.Support;

/// <summary>What one promtool run returned: its exit code and its standard output and error together.</summary>
internal sealed record PromtoolResult(int ExitCode, string Output);

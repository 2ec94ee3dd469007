namespace AiGateway.LoadTests.Tests;

public class RunArgumentsParserTests
{
    [Fact]
    public void Parse_FullCommandLine_BuildsPlan()
    {
        var plan = RunArgumentsParser.Parse(
        [
            "--target", "direct=http://127.0.0.1:5080/v1", "--target=gateway=http://localhost:8080/v1",
            "--token", "sk-sim-local", "--token", "gateway=gw-token",
            "--scenario", "stream", "--load", "ramp-inject:0->100/s:5s", "--load", "inject:100/s:30s",
            "--warmup", "5s", "--out", "loadtests/results/x", "--baseline", "direct",
            "--max-in-flight", "500", "--max-connections", "12000", "--model", "deepseek-v3.2", "--max-tokens", "64", "--prompt-tokens", "100",
        ]);

        Assert.Equal(["direct", "gateway"], plan.Targets.Select(t => t.Name));
        Assert.Equal("sk-sim-local", plan.Targets[0].Token);
        Assert.Equal("gw-token", plan.Targets[1].Token);
        Assert.Equal("direct", plan.Baseline);
        Assert.Equal("loadtests/results/x", plan.OutputFolder);
        Assert.Equal(500, plan.MaxInFlight);
        Assert.Equal(12_000, plan.Connections.MaxConnectionsPerServer);
        var scenario = Assert.Single(plan.Scenarios);
        Assert.Equal("stream", scenario.Name);
        Assert.Equal(RequestKind.ChatStream, scenario.Request.Kind);
        Assert.Equal("deepseek-v3.2", scenario.Request.Model);
        Assert.Equal(64, scenario.Request.MaxTokens);
        Assert.Equal(100, scenario.Request.PromptTokens);
        Assert.Equal(TimeSpan.FromSeconds(5), scenario.WarmUp);
        Assert.Equal([LoadSimulationKind.RampingInject, LoadSimulationKind.Inject], scenario.Load.Select(l => l.Kind));
    }

    [Fact]
    public void Parse_TokenFromFile_TrimmedContents()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "sk-from-file\n");

            var plan = RunArgumentsParser.Parse(["--target", "http://127.0.0.1:5080/v1", "--token", "@" + file, "--load", "constant:2:1s", "--out", "x"]);

            Assert.Equal("sk-from-file", Assert.Single(plan.Targets).Token);
            Assert.Equal("target", plan.Targets[0].Name);
            Assert.Equal(RequestKind.Chat, plan.Scenarios[0].Request.Kind);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("https://api.openai.com/v1", "not a loopback address")]
    [InlineData("127.0.0.1:5080", "not an absolute URL")]
    public void Parse_NonLoopbackOrRelativeTarget_Refused(string url, string expected)
    {
        var error = Assert.Throws<CliUsageException>(() =>
            RunArgumentsParser.Parse(["--target", "x=" + url, "--token", "t", "--load", "inject:1/s:1s", "--out", "o"]));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "--target", "a=http://127.0.0.1:1/v1", "--load", "inject:1/s:1s", "--out", "o" }, "no token for target 'a'")]
    [InlineData(new[] { "--target", "a=http://127.0.0.1:1/v1", "--token", "t", "--out", "o" }, "has no load")]
    [InlineData(new[] { "--target", "a=http://127.0.0.1:1/v1", "--token", "t", "--load", "inject:1/s:1s" }, "no output folder")]
    [InlineData(new[] { "--target", "a=http://127.0.0.1:1/v1", "--token", "t", "--load", "inject:1/s:1s", "--out", "o", "--baseline", "b" }, "baseline 'b'")]
    [InlineData(new[] { "--target", "a=http://127.0.0.1:1/v1", "--target", "a=http://127.0.0.1:2/v1", "--token", "t", "--load", "inject:1/s:1s", "--out", "o" }, "used twice")]
    [InlineData(new[] { "--targets", "a" }, "unknown option '--targets'")]
    [InlineData(new[] { "--target" }, "needs a value")]
    [InlineData(new[] { "--scenario", "images" }, "scenario kind 'images'")]
    [InlineData(new[] { "--max-in-flight", "-3" }, "not a positive whole number")]
    public void Parse_Mistake_ClearMessage(string[] args, string expected)
    {
        var error = Assert.Throws<CliUsageException>(() => RunArgumentsParser.Parse(args));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CliApp_BadArguments_ExitCode2WithMessage()
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var code = await CliApp.RunAsync(["run", "--target", "x=https://api.openai.com/v1", "--token", "t", "--load", "inject:1/s:1s", "--out", "o"], output, error);

        Assert.Equal(2, code);
        Assert.Contains("not a loopback address", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CliApp_Help_PrintsUsage()
    {
        var output = new StringWriter();

        var code = await CliApp.RunAsync(["--help"], output, new StringWriter());

        Assert.Equal(0, code);
        Assert.Contains("ramp-constant:0->10000:60s", output.ToString(), StringComparison.Ordinal);
    }
}

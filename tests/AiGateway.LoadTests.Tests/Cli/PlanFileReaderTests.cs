namespace AiGateway.LoadTests.Tests;

public sealed class PlanFileReaderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("aigw-load-plan-").FullName;

    [Fact]
    public void Read_FullPlan_TargetsScenariosAndTokensResolved()
    {
        File.WriteAllText(Path.Combine(_folder, "gw.token"), "gw-secret\n");
        var path = Write("""
            {
              // comments and trailing commas are fine
              "out": "results/baseline",
              "baseline": "direct",
              "maxConnections": 12000,
              "gracePeriod": "3s",
              "targets": [
                { "name": "direct", "url": "http://127.0.0.1:5080/v1", "token": "sk-sim-local" },
                { "name": "gateway", "url": "http://127.0.0.1:8080/v1", "token": "@gw.token" },
              ],
              "scenarios": [
                { "name": "chat-1k", "kind": "chat", "load": ["inject:1000/s:30s"], "warmup": "5s" },
                { "kind": "stream", "load": ["ramp-constant:0->10000:60s", "constant:10000:60s"], "targets": ["gateway"], "maxTokens": 256 }
              ]
            }
            """);

        var plan = PlanFileReader.Read(path);

        Assert.Equal("results/baseline", plan.OutputFolder);
        Assert.Equal("direct", plan.Baseline);
        Assert.Equal(12_000, plan.Connections.MaxConnectionsPerServer);
        Assert.Equal(TimeSpan.FromSeconds(3), plan.GracePeriod);
        Assert.Equal("gw-secret", plan.Targets[1].Token);
        Assert.Equal("chat-1k", plan.Scenarios[0].Name);
        Assert.Equal(TimeSpan.FromSeconds(5), plan.Scenarios[0].WarmUp);
        Assert.Equal("stream", plan.Scenarios[1].Name);
        Assert.Equal(RequestKind.ChatStream, plan.Scenarios[1].Request.Kind);
        Assert.Equal(256, plan.Scenarios[1].Request.MaxTokens);
        Assert.Equal(["gateway"], plan.Scenarios[1].Targets!);
        Assert.Equal(2, plan.Scenarios[1].Load.Count);
    }

    [Fact]
    public void Read_OutOverride_ReplacesOut()
    {
        var path = Write("""{ "out": "a", "targets": [{ "name": "d", "url": "http://127.0.0.1:1/v1", "token": "t" }], "scenarios": [{ "kind": "chat", "load": ["inject:1/s:1s"] }] }""");

        Assert.Equal("b", PlanFileReader.Read(path, "b").OutputFolder);
    }

    [Theory]
    [InlineData("""{ "targets": [{ "name": "d", "url": "http://8.8.8.8/v1", "token": "t" }], "scenarios": [] }""", "not a loopback address")]
    [InlineData("""{ "targets": [{ "name": "d", "url": "http://127.0.0.1/v1" }], "scenarios": [] }""", "targets[0].token is missing")]
    [InlineData("""{ "out": "o", "targets": [{ "name": "d", "url": "http://127.0.0.1/v1", "token": "t" }], "scenarios": [{ "kind": "chat", "load": ["inject:1/s:1s"], "targets": ["x"] }] }""", "unknown target 'x'")]
    [InlineData("""{ "targets": [ """, "not valid JSON")]
    public void Read_BadPlan_ClearMessage(string json, string expected)
    {
        var error = Assert.Throws<CliUsageException>(() => PlanFileReader.Read(Write(json)));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string json)
    {
        var path = Path.Combine(_folder, "plan.json");
        File.WriteAllText(path, json);
        return path;
    }
}

using System.Text.Json;

namespace AiGateway.LoadTests.Tests;

/// <summary>
/// The runner against the real simulator on loopback. Assertions are about counts, never about speed: each
/// request the runner reports must be one the simulator billed, and vice versa.
/// </summary>
public class SimulatorRunTests
{
    [Fact]
    public async Task OpenModelChat_200PerSecondFor2s_EveryRequestOkAndBilledOnce()
    {
        await using var fixture = await SimulatorFixture.StartAsync(outputTokens: 8);

        var result = await LoadRunner.RunAsync(fixture.Scenario(RequestKind.Chat), LoadSimulation.Inject(200, TimeSpan.FromSeconds(2)));

        Assert.Equal(400, result.Requests);
        Assert.Equal(400, result.Ok);
        Assert.Equal(0, result.Errors);
        Assert.Equal(0, result.Dropped);
        Assert.Empty(result.ErrorsByClass);
        Assert.Equal(400, result.StatusCodes["200"]);
        Assert.Equal(400, result.Latency.Count);
        Assert.Equal(400, result.ScheduleLag!.Count);
        Assert.True(result.Latency.P50Ms <= result.Latency.P99Ms && result.Latency.P99Ms <= result.Latency.MaxMs);
        Assert.True(result.ServiceTime.MaxMs <= result.Latency.MaxMs + 0.1, "service time never exceeds latency from the intended time");

        var usage = fixture.Simulator.ReportedUsage;
        Assert.Equal(400, usage.Count);
        Assert.Equal(400, fixture.Simulator.Keys.GetRequestCount(SimulatorFixture.Key));
        Assert.All(usage, u => Assert.Equal(("chat", false), (u.Endpoint, u.Stream)));
        Assert.Equal(400, result.ResponsesWithUsage);
        Assert.Equal(usage.Sum(u => (long)u.CompletionTokens), result.CompletionTokens);
        Assert.Equal(400 * 8, result.CompletionTokens);
    }

    [Fact]
    public async Task ClosedModelStream_8CopiesFor1500ms_EveryStreamSawDoneAndTtftBelowTotal()
    {
        await using var fixture = await SimulatorFixture.StartAsync(outputTokens: 12);

        var result = await LoadRunner.RunAsync(fixture.Scenario(RequestKind.ChatStream), LoadSimulation.KeepConstant(8, TimeSpan.FromMilliseconds(1500)));

        Assert.True(result.Requests > 8, $"8 copies looping for 1.5 s send more than 8 requests (sent {result.Requests})");
        Assert.Equal(result.Requests, result.Ok);
        Assert.Empty(result.ErrorsByClass);
        Assert.Null(result.ScheduleLag);
        Assert.Equal(8, result.PeakInFlight);
        var streams = result.Streams!;
        Assert.Equal(result.Ok, streams.Started);
        Assert.Equal(result.Ok, streams.Completed);
        Assert.Equal(result.Ok, streams.TimeToFirstToken.Count);
        Assert.Equal(result.Ok, streams.StreamTime.Count);

        // TTFT <= total for every stream implies it for every percentile.
        Assert.True(streams.TimeToFirstToken.P50Ms <= streams.StreamTime.P50Ms);
        Assert.True(streams.TimeToFirstToken.P99Ms <= streams.StreamTime.P99Ms);
        Assert.True(streams.TimeToFirstToken.MaxMs <= streams.StreamTime.MaxMs);

        var usage = fixture.Simulator.ReportedUsage;
        Assert.Equal(result.Requests, usage.Count);
        Assert.All(usage, u => Assert.True(u.Stream && u.UsageSentToClient));
        Assert.Equal(result.Ok, result.ResponsesWithUsage);
        Assert.Equal(result.Ok * 12, result.CompletionTokens);
        Assert.Equal(usage.Sum(u => (long)u.CompletionTokens), result.CompletionTokens);
    }

    [Fact]
    public async Task RampingConstantEmbeddings_WithWarmUp_WarmUpNotRecordedButSent()
    {
        await using var fixture = await SimulatorFixture.StartAsync();
        var options = new LoadRunOptions { WarmUp = TimeSpan.FromMilliseconds(300) };

        var result = await LoadRunner.RunAsync(
            fixture.Scenario(RequestKind.Embeddings),
            [LoadSimulation.RampingConstant(1, 4, TimeSpan.FromSeconds(1)), LoadSimulation.Inject(100, TimeSpan.FromMilliseconds(500))],
            options);

        Assert.Equal(result.Requests, result.Ok);
        Assert.Empty(result.ErrorsByClass);
        Assert.Equal("ramp-constant:1->4:1s, inject:100/s:500ms", result.Load);
        Assert.Equal(0.3, result.WarmUpSeconds, 9);
        var billed = fixture.Simulator.Keys.GetRequestCount(SimulatorFixture.Key);
        Assert.True(billed > result.Requests, $"the warm-up sent requests too ({billed} billed, {result.Requests} recorded)");
        Assert.Equal(billed, fixture.Simulator.ReportedUsage.Count);
        Assert.All(fixture.Simulator.ReportedUsage, u => Assert.Equal("embeddings", u.Endpoint));
    }

    [Fact]
    public async Task WrongKey_EveryRequestCountedUnder401()
    {
        await using var fixture = await SimulatorFixture.StartAsync();
        var wrongKey = new LoadTarget("wrong", fixture.Simulator.BaseUrl, "sk-not-a-simulator-key");

        var result = await LoadRunner.RunAsync(fixture.Scenario(RequestKind.Chat, wrongKey), LoadSimulation.Inject(50, TimeSpan.FromSeconds(1)));

        Assert.Equal(50, result.Requests);
        Assert.Equal(0, result.Ok);
        Assert.Equal(50, result.Errors);
        Assert.Equal(new Dictionary<string, long> { ["401"] = 50 }, result.ErrorsByClass);
        Assert.Equal(50, result.StatusCodes["401"]);
        Assert.Equal(0, result.Latency.Count);
        Assert.Empty(fixture.Simulator.ReportedUsage);
    }

    [Fact]
    public async Task SlowTarget_InFlightAfterGracePeriod_CountedAsTimeouts()
    {
        await using var fixture = await SimulatorFixture.StartAsync();
        fixture.Simulator.Options.LatencyMs = 20_000;
        var options = new LoadRunOptions { GracePeriod = TimeSpan.FromMilliseconds(200) };

        var result = await LoadRunner.RunAsync(fixture.Scenario(RequestKind.Chat), [LoadSimulation.Inject(10, TimeSpan.FromMilliseconds(500))], options);

        Assert.Equal(5, result.Requests);
        Assert.Equal(0, result.Ok);
        Assert.Equal(new Dictionary<string, long> { [ErrorClasses.Timeout] = 5 }, result.ErrorsByClass);
        Assert.InRange(result.DurationSeconds, 0.5, 10);
    }

    [Fact]
    public async Task CliRun_TwoTargetsWithBaseline_WritesMarkdownAndJson()
    {
        await using var fixture = await SimulatorFixture.StartAsync(outputTokens: 4);
        var folder = Directory.CreateTempSubdirectory("aigw-load-run-").FullName;
        try
        {
            var url = fixture.Simulator.BaseUrl.ToString();
            var output = new StringWriter();

            var code = await CliApp.RunAsync(
                ["run", "--target", $"direct={url}", "--target", $"again={url}", "--token", SimulatorFixture.Key, "--scenario", "stream",
                 "--load", "inject:50/s:1s", "--baseline", "direct", "--out", folder],
                output,
                new StringWriter());

            Assert.Equal(0, code);
            var md = await File.ReadAllTextAsync(Path.Combine(folder, ReportFiles.MarkdownFileName));
            Assert.Contains("## stream — inject:50/s:1s", md, StringComparison.Ordinal);
            Assert.Contains("| direct | 50 | 50 | 0 | 0 |", md, StringComparison.Ordinal);
            Assert.Contains("| again | 50 | 50 | 0 | 0 |", md, StringComparison.Ordinal);
            Assert.Contains("Compared with `direct`", md, StringComparison.Ordinal);

            using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, ReportFiles.JsonFileName)));
            var results = json.RootElement.GetProperty("results");
            Assert.Equal(2, results.GetArrayLength());
            foreach (var result in results.EnumerateArray())
            {
                Assert.Equal(50, result.GetProperty("requests").GetInt64());
                Assert.Equal(50, result.GetProperty("ok").GetInt64());
                Assert.Equal(50, result.GetProperty("streams").GetProperty("completed").GetInt64());
                Assert.Equal(200, result.GetProperty("completionTokens").GetInt64());
            }

            Assert.Equal("again", json.RootElement.GetProperty("comparisons")[0].GetProperty("target").GetString());
            Assert.Equal(100, fixture.Simulator.ReportedUsage.Count);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AiGateway.DeployTests.Support;

namespace AiGateway.DeployTests;

/// <summary>
/// deploy/local/stack.sh end to end: it starts Redis, the simulator, the gateway on the Redis store and Prometheus;
/// a request through the gateway succeeds and lands in Redis; Prometheus scrapes the gateway's /metrics; `down`
/// stops every process and exits 0.
/// </summary>
public sealed class LocalStackTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task UpRequestScrapeDown_LocalStack_ServesThroughRedisIsScrapedAndStopsCleanly()
    {
        Assert.True(ExternalTool.Find("prometheus") is not null,
            "prometheus was not found on PATH: Debian's `prometheus` package ships it (./test.sh installs it).");
        using var stack = new LocalStack();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };

        var up = stack.Up();
        Assert.True(up.ExitCode == 0, up.Transcript + Logs(stack));
        Assert.StartsWith("aigw_", stack.CallerToken, StringComparison.Ordinal);
        Assert.Contains(stack.CallerToken, up.Stdout, StringComparison.Ordinal);
        Assert.Contains($"http://127.0.0.1:{stack.ProxyPort}/v1", up.Stdout, StringComparison.Ordinal);
        Assert.Equal(["redis", "simulator", "gateway", "prometheus"], stack.Processes().Select(p => p.Name));

        // A chat completion through the gateway, with the token the stack printed.
        using var request = new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{stack.ProxyPort}/v1/chat/completions")
        {
            Content = new StringContent("""{"model":"deepseek-v3.2","messages":[{"role":"user","content":"Hello"}]}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", stack.CallerToken);
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}\n{Logs(stack)}");
        using (var completion = JsonDocument.Parse(body))
        {
            Assert.True(completion.RootElement.GetProperty("usage").GetProperty("total_tokens").GetInt32() > 0);
        }

        // The Redis store has the token and, once settled, the request's ledger record.
        Assert.Equal(":1", await stack.RedisAsync("EXISTS", "{aigw:token}:index"));
        await Until(async () => await stack.RedisAsync("XLEN", "{aigw:rag}:ledger") == ":1", "the ledger record in Redis", stack);

        // Prometheus scrapes the admin listener (job aigateway, target up) and has the gateway's request series.
        var prometheus = $"http://127.0.0.1:{stack.PrometheusPort}/api/v1";
        await Until(async () =>
        {
            using var targets = JsonDocument.Parse(await http.GetStringAsync($"{prometheus}/targets"));
            return targets.RootElement.GetProperty("data").GetProperty("activeTargets").EnumerateArray().Any(t =>
                t.GetProperty("labels").GetProperty("job").GetString() == "aigateway"
                && t.GetProperty("scrapeUrl").GetString() == $"http://127.0.0.1:{stack.AdminPort}/metrics"
                && t.GetProperty("health").GetString() == "up");
        }, "the aigateway target up in Prometheus", stack);
        await Until(async () =>
        {
            var query = Uri.EscapeDataString("""aigw_requests_total{job="aigateway",team="rag",status_code="200"}""");
            using var result = JsonDocument.Parse(await http.GetStringAsync($"{prometheus}/query?query={query}"));
            return result.RootElement.GetProperty("data").GetProperty("result").EnumerateArray()
                .Any(s => s.GetProperty("value")[1].GetString() == "1");
        }, "aigw_requests_total of the request in Prometheus", stack);

        var processes = stack.Processes();
        var down = stack.Down();

        Assert.True(down.ExitCode == 0, down.Transcript);
        Assert.DoesNotContain(processes, p => LocalStack.IsAlive(p.Pid));
        Assert.DoesNotContain(stack.Ports, LocalStack.Listening);
    }

    private static async Task Until(Func<Task<bool>> condition, string what, LocalStack stack)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"no {what} within {Deadline.TotalSeconds:0} s.{Logs(stack)}");
            }

            await Task.Delay(200);
        }
    }

    private static string Logs(LocalStack stack)
    {
        var dir = Path.Combine(stack.Dir, "logs");
        return !Directory.Exists(dir) ? string.Empty : string.Concat(Directory.GetFiles(dir).Select(f =>
            $"\n--- {Path.GetFileName(f)} (last lines)\n{string.Join('\n', File.ReadLines(f).TakeLast(15))}"));
    }
}

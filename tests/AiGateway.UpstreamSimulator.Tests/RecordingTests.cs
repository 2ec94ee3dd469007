using System.Net;
using System.Text.Json;
using OpenAI.Chat;

namespace AiGateway.UpstreamSimulator.Tests;

public sealed class RecordingTests : SimulatorTestBase
{
    private const string ChatBody = """{"model":"gpt-4.1","messages":[{"role":"user","content":"Record me"}]}""";

    [Fact]
    public async Task ReceivedRequests_RawCall_RecordsKeyBodyAndLowerCasedHeaders()
    {
        using var response = await PostJsonAsync("/v1/chat/completions", ChatBody, DefaultKey, ("X-Team-Id", "blue"), ("X-Multi", "a"), ("X-Multi", "b"));

        var recorded = Assert.Single(Sim.ReceivedRequests);
        Assert.Equal("POST", recorded.Method);
        Assert.Equal("/v1/chat/completions", recorded.Path);
        Assert.Equal(DefaultKey, recorded.ApiKey);
        Assert.Equal(ChatBody, recorded.Body);
        Assert.Contains("x-team-id", recorded.Headers.Keys);
        Assert.Equal("blue", recorded.Headers["x-team-id"]);
        Assert.Equal("a, b", recorded.Headers["x-multi"]);
        Assert.Equal($"Bearer {DefaultKey}", recorded.Headers["authorization"]);
        Assert.All(recorded.Headers.Keys, name => Assert.Equal(name.ToLowerInvariant(), name));
    }

    [Fact]
    public async Task ReceivedRequests_SdkCall_RecordsSdkHeaders()
    {
        await CreateChatClient().CompleteChatAsync([new UserChatMessage("Hi")]);

        var recorded = Assert.Single(Sim.ReceivedRequests);
        Assert.Contains("user-agent", recorded.Headers.Keys);
        Assert.Contains("\"model\":\"gpt-4.1\"", recorded.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reset_AfterTraffic_ClearsRequestsAndUsage()
    {
        using (await PostJsonAsync("/v1/chat/completions", ChatBody))
        {
        }

        Assert.NotEmpty(Sim.ReceivedRequests);
        Assert.NotEmpty(Sim.ReportedUsage);

        Sim.Reset();

        Assert.Empty(Sim.ReceivedRequests);
        Assert.Empty(Sim.ReportedUsage);
    }

    [Fact]
    public async Task RecordRequests_Off_RecordsNoRequestsButStillReportsUsage()
    {
        await using var quiet = await UpstreamSimulator.StartAsync(new SimulatorOptions { RecordRequests = false });
        using var http = new HttpClient { BaseAddress = quiet.RootUrl };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = new StringContent(ChatBody) };
        request.Headers.Authorization = new("Bearer", DefaultKey);

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(quiet.ReceivedRequests);
        Assert.Single(quiet.ReportedUsage);
    }

    [Fact]
    public async Task SimRequestsEndpoint_AfterCall_ShowsKeyIdButNeverTheRawKey()
    {
        using (await PostJsonAsync("/v1/chat/completions", ChatBody))
        {
        }

        var body = await Http.GetStringAsync("/_sim/requests");

        Assert.DoesNotContain(DefaultKey, body, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(body);
        var entry = Assert.Single(json.RootElement.GetProperty("data").EnumerateArray().ToArray());
        Assert.Equal("key_initial_0", entry.GetProperty("key_id").GetString());
        Assert.Equal("[redacted]", entry.GetProperty("headers").GetProperty("authorization").GetString());
        Assert.Equal(ChatBody, entry.GetProperty("body").GetString());
    }

    [Fact]
    public async Task SimUsageEndpoint_MixedTraffic_ReportsEntriesAndTotalsPerModel()
    {
        using (await PostJsonAsync("/v1/chat/completions", ChatBody))
        using (await PostJsonAsync("/v1/chat/completions", ChatBody.Replace("gpt-4.1", "gemini-2.5-flash", StringComparison.Ordinal)))
        using (await PostJsonAsync("/v1/chat/completions", ChatBody))
        {
        }

        using var json = JsonDocument.Parse(await Http.GetStringAsync("/_sim/usage"));

        var root = json.RootElement;
        Assert.Equal(3, root.GetProperty("data").GetArrayLength());
        var prompt = Tokens.ChatPrompt(("user", "Record me"));
        var gpt = root.GetProperty("totals").GetProperty("gpt-4.1");
        Assert.Equal(2, gpt.GetProperty("requests").GetInt64());
        Assert.Equal(2 * prompt, gpt.GetProperty("prompt_tokens").GetInt64());
        Assert.Equal(32, gpt.GetProperty("completion_tokens").GetInt64());
        Assert.Equal(1, root.GetProperty("totals").GetProperty("gemini-2.5-flash").GetProperty("requests").GetInt64());
        Assert.Equal(3 * (prompt + 16), root.GetProperty("total").GetProperty("total_tokens").GetInt64());
    }

    [Fact]
    public async Task DeleteSimRequests_AfterTraffic_ResetsBothLogs()
    {
        using (await PostJsonAsync("/v1/chat/completions", ChatBody))
        {
        }

        using var response = await Http.DeleteAsync("/_sim/requests");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Empty(Sim.ReceivedRequests);
        Assert.Empty(Sim.ReportedUsage);
    }
}

using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;

namespace AiGateway.UpstreamSimulator.Tests;

public sealed class HostingTests
{
    private const string ChatBody = """{"model":"gpt-4.1","messages":[{"role":"user","content":"Hi"}]}""";

    [Fact]
    public async Task StartAsync_DefaultUrl_ExposesLoopbackBaseUrlWithV1()
    {
        await using var sim = await UpstreamSimulator.StartAsync();

        Assert.Equal("127.0.0.1", sim.RootUrl.Host);
        Assert.NotEqual(0, sim.RootUrl.Port);
        Assert.Equal($"http://127.0.0.1:{sim.RootUrl.Port}/v1", sim.BaseUrl.ToString());
        Assert.Equal(sim.RootUrl.Port, sim.BaseUrl.Port);
    }

    [Fact]
    public async Task Build_CommandLineKeys_ReplaceTheDefaultKey()
    {
        await using var app = SimulatorApp.Build(["--Simulator:Keys:0=sk-from-command-line-1234", "--urls", "http://127.0.0.1:0"]);
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };

        using var accepted = await PostAsync(http, "sk-from-command-line-1234");
        using var rejected = await PostAsync(http, "sk-sim-local");

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, rejected.StatusCode);
        await app.StopAsync();
    }

    [Fact]
    public void DescribeListening_Url_SaysItIsASimulatorAndGivesBaseUrl()
    {
        var line = SimulatorApp.DescribeListening(["http://127.0.0.1:5080"]);

        Assert.Contains("SIMULATOR", line, StringComparison.Ordinal);
        Assert.Contains("NOT a real provider", line, StringComparison.Ordinal);
        Assert.Contains("http://127.0.0.1:5080/v1", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_InvalidOptions_ThrowsListingEveryProblem()
    {
        var options = new SimulatorOptions { OutputTokens = -1, Models = [], AdminKey = "sk-sim-local" };

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => UpstreamSimulator.StartAsync(options));

        Assert.Contains("OutputTokens", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Models", ex.Message, StringComparison.Ordinal);
        Assert.Contains("AdminKey", ex.Message, StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient http, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = new StringContent(ChatBody) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return http.SendAsync(request);
    }
}

using System.Net;
using System.Text;
using AiGateway.IntegrationTests.Infrastructure;

namespace AiGateway.IntegrationTests.Proxy;

/// <summary>Bodies over <c>Gateway:MaxRequestBodyBytes</c> get 413 whether or not they declare their length.</summary>
public sealed class BodyLimitTests
{
    [Fact]
    public async Task ChatCompletions_BodyOverLimit_Returns413AndNothingIsForwarded()
    {
        await using var simulator = await UpstreamSimulator.UpstreamSimulator.StartAsync(GatewayHost.SimulatorOptions());
        await using var gateway = await GatewayHost.StartAsync(simulator.BaseUrl, new Dictionary<string, string?> { ["Gateway:MaxRequestBodyBytes"] = "4096" });
        var (token, _) = await gateway.IssueTokenAsync("rag", "big-body");
        var big = "{\"model\":\"deepseek-v3.2\",\"messages\":[{\"role\":\"user\",\"content\":\"" + new string('x', 10_000) + "\"}]}";
        var small = "{\"model\":\"deepseek-v3.2\",\"messages\":[{\"role\":\"user\",\"content\":\"" + new string('x', 3_000) + "\"}]}";

        using var declared = await gateway.Http.SendAsync(gateway.Request(HttpMethod.Post, "/v1/chat/completions", token, big));
        var chunkedRequest = gateway.Request(HttpMethod.Post, "/v1/chat/completions", token);
        chunkedRequest.Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(big)));
        chunkedRequest.Headers.TransferEncodingChunked = true;
        using var chunked = await gateway.Http.SendAsync(chunkedRequest);
        using var underLimit = await gateway.Http.SendAsync(gateway.Request(HttpMethod.Post, "/v1/chat/completions", token, small));

        await OpenAiErrorAssert.IsErrorAsync(declared, HttpStatusCode.RequestEntityTooLarge, "request_too_large");
        await OpenAiErrorAssert.IsErrorAsync(chunked, HttpStatusCode.RequestEntityTooLarge, "request_too_large");
        Assert.Equal(HttpStatusCode.OK, underLimit.StatusCode);
        Assert.Single(simulator.ReceivedRequests);
    }
}

using System.Net;
using AiGateway.IntegrationTests.Infrastructure;

namespace AiGateway.IntegrationTests.Proxy;

/// <summary>
/// With every log category at Trace, a mix of successful and failing traffic leaves no upstream key,
/// caller token or admin credential in any log line, and none in any response the caller sees.
/// </summary>
public sealed class SecretHygieneTests
{
    [Fact]
    public async Task MixedTraffic_TraceLogging_NoSecretInLogsOrResponses()
    {
        await using var simulator = await UpstreamSimulator.UpstreamSimulator.StartAsync(GatewayHost.SimulatorOptions());
        await using var gateway = await GatewayHost.StartAsync(simulator.BaseUrl);
        var (token, id) = await gateway.IssueTokenAsync("rag", "hygiene");
        var (revoked, revokedId) = await gateway.IssueTokenAsync("rag", "hygiene-revoked");
        (await gateway.Admin.DeleteAsync($"/admin/tokens/{revokedId}")).Dispose();
        var bodies = new List<string>();

        async Task Send(string credential, string path, string? json, Action<HttpRequestMessage>? tweak = null)
        {
            var request = gateway.Request(json is null ? HttpMethod.Get : HttpMethod.Post, path, credential, json);
            tweak?.Invoke(request);
            using var response = await gateway.Http.SendAsync(request);
            bodies.Add(await response.Content.ReadAsStringAsync());
            bodies.Add(response.Headers.ToString());
        }

        await Send(token, "/v1/chat/completions", "{\"model\":\"deepseek-v3.2\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        await Send(token, "/v1/chat/completions", "{\"model\":\"deepseek-v3.2\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        await Send(token, "/v1/chat/completions", "{\"model\":\"gpt-4.1\",\"messages\":[]}");
        await Send(token, "/v1/chat/completions", "{broken");
        await Send(token, "/v1/embeddings", "{\"model\":\"text-embedding-3-small\",\"input\":\"x\"}");
        await Send(token, "/v1/models", null);
        await Send(revoked, "/v1/chat/completions", "{\"model\":\"deepseek-v3.2\",\"messages\":[]}");
        await Send(token, "/v1/chat/completions", "{\"model\":\"deepseek-v3.2\",\"messages\":[]}", r => r.Headers.Add("x-sim-status", "401"));
        await Send(token, "/v1/chat/completions", "{\"model\":\"deepseek-v3.2\",\"messages\":[]}", r => r.Headers.Add("x-sim-status", "500"));
        using (var badAdmin = new HttpClient { BaseAddress = gateway.AdminUrl })
        {
            badAdmin.DefaultRequestHeaders.Add("Authorization", "Bearer aigwadm_guessing-is-futile");
            using var denied = await badAdmin.GetAsync("/admin/tokens");
            Assert.Equal(HttpStatusCode.Unauthorized, denied.StatusCode);
        }

        var secrets = GatewayHost.TeamKeys.Values.Concat([token, revoked, GatewayHost.AdminToken]).ToList();
        var logs = gateway.Logs.AllText();
        Assert.NotEmpty(gateway.Logs.Lines);
        Assert.Contains(id, logs, StringComparison.Ordinal); // token ids are logged (audit), so the scan is meaningful
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, logs, StringComparison.Ordinal);
            Assert.All(bodies, body => Assert.DoesNotContain(secret, body, StringComparison.Ordinal));
        }
    }
}

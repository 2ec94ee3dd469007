using System.Net;
using AiGateway.IntegrationTests.Infrastructure;

namespace AiGateway.IntegrationTests.Proxy;

/// <summary>
/// The admin credential check runs for admin endpoints only. Running it on every proxied request (as a default
/// authentication scheme would) costs time on the hot path and logs a failed admin login per API call.
/// </summary>
public sealed class AdminSchemeIsolationTests
{
    private const string AdminHandlerCategory = "AiGateway.Admin.AdminAuthenticationHandler";

    [Fact]
    public async Task ProxiedRequests_DoNotRunTheAdminCredentialCheck_AdminRequestsDo()
    {
        await using var simulator = await UpstreamSimulator.UpstreamSimulator.StartAsync(GatewayHost.SimulatorOptions());
        await using var gateway = await GatewayHost.StartAsync(simulator.BaseUrl);
        var (token, _) = await gateway.IssueTokenAsync("rag", "isolation");
        var before = gateway.Logs.Lines.Count(line => line.Contains(AdminHandlerCategory, StringComparison.Ordinal));

        for (var i = 0; i < 3; i++)
        {
            using var request = gateway.Request(HttpMethod.Post, "/v1/chat/completions", token,
                "{\"model\":\"deepseek-v3.2\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
            using var response = await gateway.Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        var afterProxy = gateway.Logs.Lines.Count(line => line.Contains(AdminHandlerCategory, StringComparison.Ordinal));

        using (var badAdmin = new HttpClient { BaseAddress = gateway.AdminUrl })
        {
            badAdmin.DefaultRequestHeaders.Add("Authorization", "Bearer aigwadm_not-a-real-credential-at-all");
            using var denied = await badAdmin.GetAsync("/admin/tokens");
            Assert.Equal(HttpStatusCode.Unauthorized, denied.StatusCode);
        }
        var afterAdmin = gateway.Logs.Lines.Count(line => line.Contains(AdminHandlerCategory, StringComparison.Ordinal));

        Assert.Equal(before, afterProxy);
        Assert.True(afterAdmin > afterProxy, "the failed admin call is logged by the admin handler, so the count above is meaningful");
    }
}

using System.Net;
using System.Text.Json;
using AiGateway.IntegrationTests.Infrastructure;
using AiGateway.Policies;
using Microsoft.Extensions.DependencyInjection;

namespace AiGateway.IntegrationTests.Policies;

/// <summary>Policies are files: validated at start, applied on change, refused (old kept) when broken.</summary>
public sealed class PolicyReloadTests
{
    private const string Gpt41Body = "{\"model\":\"gpt-4.1\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    [Fact]
    public async Task PolicyFileEdited_WatcherAppliesChange_WithoutRestart()
    {
        await using var simulator = await UpstreamSimulator.UpstreamSimulator.StartAsync(GatewayHost.SimulatorOptions());
        var policies = TestPaths.CopyOfShippedPolicies();
        await using var gateway = await GatewayHost.StartAsync(simulator.BaseUrl, new Dictionary<string, string?> { ["Policies:Path"] = policies });
        var (token, _) = await gateway.IssueTokenAsync("rag", "reload");
        var provider = gateway.Services.GetRequiredService<IPolicyProvider>();

        using var before = await gateway.Http.SendAsync(gateway.Request(HttpMethod.Post, "/v1/chat/completions", token, Gpt41Body));
        var reloaded = WaitForReloadAsync(provider, version => version > 1);
        await File.WriteAllTextAsync(Path.Combine(policies, "teams", "rag.json"), """
            { "team": "rag", "models": ["deepseek-v3.2", "gpt-4.1"], "endpoints": ["chat", "models"], "upstreamKey": "creds/rag-production" }
            """);
        await reloaded.WaitAsync(TimeSpan.FromSeconds(30));
        using var after = await gateway.Http.SendAsync(gateway.Request(HttpMethod.Post, "/v1/chat/completions", token, Gpt41Body));

        await OpenAiErrorAssert.IsErrorAsync(before, HttpStatusCode.Forbidden, "model_not_allowed");
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task AdminReload_BrokenFile_Returns422WithErrorsAndKeepsPreviousPolicies()
    {
        await using var simulator = await UpstreamSimulator.UpstreamSimulator.StartAsync(GatewayHost.SimulatorOptions());
        var policies = TestPaths.CopyOfShippedPolicies();
        await using var gateway = await GatewayHost.StartAsync(simulator.BaseUrl, new Dictionary<string, string?>
        {
            ["Policies:Path"] = policies,
            ["Policies:ReloadOnChange"] = "false",
        });
        var (token, _) = await gateway.IssueTokenAsync("analytics", "broken-reload");
        await File.WriteAllTextAsync(Path.Combine(policies, "teams", "analytics.json"),
            "{ \"team\": \"analytics\", \"models\": [], \"endpoints\": [\"chat\", \"telepathy\"], \"upstreamKey\": \"creds/analytics\" }");

        using var reload = await gateway.Admin.PostAsync("/admin/policies/reload", null);
        using var stillServed = await gateway.Http.SendAsync(gateway.Request(HttpMethod.Post, "/v1/chat/completions", token, Gpt41Body));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, reload.StatusCode);
        using var body = JsonDocument.Parse(await reload.Content.ReadAsStringAsync());
        var errors = body.RootElement.GetProperty("errors").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Contains(errors, e => e.Contains("analytics.json", StringComparison.Ordinal) && e.Contains("'models'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("endpoints[1]", StringComparison.Ordinal) && e.Contains("telepathy", StringComparison.Ordinal));
        Assert.Equal(1, body.RootElement.GetProperty("version").GetInt32());
        Assert.Equal(HttpStatusCode.OK, stillServed.StatusCode);
        Assert.True(gateway.Logs.Contains("Policy change refused"));
    }

    [Fact]
    public async Task Start_InvalidPolicyFile_FailsNamingFileAndField()
    {
        var policies = TestPaths.CopyOfShippedPolicies();
        await File.WriteAllTextAsync(Path.Combine(policies, "teams", "broken.json"), "{ \"team\": \"Bad Name\", \"model\": [\"x\"] }");

        var error = await Assert.ThrowsAsync<PolicyValidationException>(() =>
            GatewayHost.StartAsync(new Uri("http://127.0.0.1:9/v1"), new Dictionary<string, string?> { ["Policies:Path"] = policies }));

        Assert.Contains(error.Errors, e => e.Contains("broken.json", StringComparison.Ordinal) && e.Contains("model", StringComparison.Ordinal));
    }

    private static Task WaitForReloadAsync(IPolicyProvider provider, Func<int, bool> done)
    {
        var completion = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Register() => provider.GetReloadToken().RegisterChangeCallback(_ =>
        {
            if (done(provider.Current.Version))
            {
                completion.TrySetResult();
            }
            else
            {
                Register();
            }
        }, null);
        Register();
        return completion.Task;
    }
}

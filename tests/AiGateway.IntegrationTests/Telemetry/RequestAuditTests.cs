using System.Net;
using System.Text.RegularExpressions;
using AiGateway.IntegrationTests.Infrastructure;

namespace AiGateway.IntegrationTests.Telemetry;

/// <summary>Every proxied request leaves exactly one audit record (event 9001): who, what, outcome, tokens, cost; never content or a secret.</summary>
public sealed partial class RequestAuditTests
{
    private const string Prompt = "audit-marker-prompt-text-do-not-log";

    [GeneratedRegex(@"audit request id=(?<id>\S+) token=(?<token>\S+) team=(?<team>\S+) app=(?<app>\S+) endpoint=(?<endpoint>\S+) model=(?<model>\S+) status=(?<status>\d+) reason=(?<reason>\S+) input_tokens=(?<input>\S*) output_tokens=(?<output>\S*) cost_micros=(?<cost>\S*) duration_ms=(?<duration>[0-9.]+)")]
    private static partial Regex AuditRecord();

    [Fact]
    public async Task Requests_OneAuditRecordEachWithCallerOutcomeAndUsage()
    {
        await using var simulator = await UpstreamSimulator.UpstreamSimulator.StartAsync(GatewayHost.SimulatorOptions());
        await using var gateway = await GatewayHost.StartAsync(simulator.BaseUrl);
        var (token, tokenId) = await gateway.IssueTokenAsync("rag", "audited-app");
        using var recorded = new RequestsRecorded(gateway.Services);

        using var served = await gateway.Http.SendAsync(gateway.Request(HttpMethod.Post, "/v1/chat/completions", token,
            $$"""{"model":"deepseek-v3.2","messages":[{"role":"user","content":"{{Prompt}}"}]}"""));
        using var refused = await gateway.Http.SendAsync(gateway.Request(HttpMethod.Post, "/v1/chat/completions", token,
            """{"model":"gpt-4.1","messages":[{"role":"user","content":"hi"}]}"""));
        using var unauthenticated = await gateway.Http.SendAsync(gateway.Request(HttpMethod.Get, "/v1/models", "aigw_nope"));
        await served.Content.LoadIntoBufferAsync();
        await recorded.WaitForAsync(3);

        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        var records = gateway.Logs.Lines.Where(l => l.Contains("AiGateway.Audit[9001]", StringComparison.Ordinal))
            .Select(l => AuditRecord().Match(l)).ToList();
        Assert.Equal(3, records.Count);
        Assert.All(records, r => Assert.True(r.Success));

        var usage = Assert.Single(simulator.ReportedUsage);
        var ok = Assert.Single(records, r => r.Groups["id"].Value == served.Headers.GetValues("x-aigw-request-id").Single());
        Assert.Equal(tokenId, ok.Groups["token"].Value);
        Assert.Equal("rag", ok.Groups["team"].Value);
        Assert.Equal("audited-app", ok.Groups["app"].Value);
        Assert.Equal("chat", ok.Groups["endpoint"].Value);
        Assert.Equal("deepseek-v3.2", ok.Groups["model"].Value);
        Assert.Equal("200", ok.Groups["status"].Value);
        Assert.Equal("-", ok.Groups["reason"].Value);
        Assert.Equal(usage.PromptTokens.ToString(System.Globalization.CultureInfo.InvariantCulture), ok.Groups["input"].Value);
        Assert.Equal(usage.CompletionTokens.ToString(System.Globalization.CultureInfo.InvariantCulture), ok.Groups["output"].Value);

        var denied = Assert.Single(records, r => r.Groups["id"].Value == refused.Headers.GetValues("x-aigw-request-id").Single());
        Assert.Equal(("403", "model_not_allowed", "gpt-4.1", tokenId),
            (denied.Groups["status"].Value, denied.Groups["reason"].Value, denied.Groups["model"].Value, denied.Groups["token"].Value));
        Assert.Equal("", denied.Groups["input"].Value);

        var anonymous = Assert.Single(records, r => r.Groups["status"].Value == "401");
        Assert.Equal(("-", "-", "unknown", "models", "invalid_api_key"), (anonymous.Groups["id"].Value, anonymous.Groups["token"].Value,
            anonymous.Groups["team"].Value, anonymous.Groups["endpoint"].Value, anonymous.Groups["reason"].Value));

        var audit = string.Join('\n', gateway.Logs.Lines.Where(l => l.Contains("AiGateway.Audit", StringComparison.Ordinal)));
        Assert.DoesNotContain(Prompt, audit, StringComparison.Ordinal);
        Assert.DoesNotContain(token, audit, StringComparison.Ordinal);
        Assert.DoesNotContain("aigw_nope", audit, StringComparison.Ordinal);
        Assert.All(GatewayHost.TeamKeys.Values, key => Assert.DoesNotContain(key, audit, StringComparison.Ordinal));
    }
}

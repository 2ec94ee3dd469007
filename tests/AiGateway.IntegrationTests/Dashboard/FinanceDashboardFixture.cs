using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using AiGateway.Auth;
using AiGateway.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using OpenAI.Chat;

namespace AiGateway.IntegrationTests.Dashboard;

/// <summary>
/// A gateway of its own (so its spend is exactly this traffic) that has served chat requests for three teams,
/// several apps and four models, including one app whose name is markup. Loads the finance page once in
/// headless Chromium with the admin credential in the fragment, and keeps the rendered DOM for the tests.
/// </summary>
public sealed class FinanceDashboardFixture : IAsyncLifetime
{
    /// <summary>An app name a page that builds markup from data would execute.</summary>
    public const string HostileApp = "<img src=x onerror=alert(1)>";

    /// <summary>(team, app, model, requests): what the fixture sends.</summary>
    public static readonly (string Team, string App, string Model, int Requests)[] Traffic =
    [
        ("rag", "search-api", "deepseek-v3.2", 4),
        ("rag", "indexer", "deepseek-v3.2", 2),
        ("customer-service", "support-bot", "gemini-2.5-flash", 3),
        ("customer-service", "escalations", "claude-sonnet-4.5", 2),
        ("analytics", "reports", "gpt-4.1", 2),
        ("analytics", HostileApp, "gemini-2.5-flash", 1),
    ];

    public UpstreamSimulator.UpstreamSimulator Simulator { get; private set; } = null!;

    public GatewayHost Gateway { get; private set; } = null!;

    /// <summary>The page as Chromium rendered it, signed in with the bootstrap admin credential.</summary>
    public string Dom => Page.Dom;

    public RenderedPage Page { get; private set; } = new("", []);

    public static int TotalRequests => Traffic.Sum(t => t.Requests);

    public async Task InitializeAsync()
    {
        var simulator = GatewayHost.SimulatorOptions();
        // Longer answers than the default, so costs differ visibly between models on the page.
        simulator.OutputTokens = 300;
        Simulator = await UpstreamSimulator.UpstreamSimulator.StartAsync(simulator);
        Gateway = await GatewayHost.StartAsync(Simulator.BaseUrl, new Dictionary<string, string?> { ["Policies:Path"] = Policies() });

        foreach (var (team, app, model, requests) in Traffic)
        {
            var token = app == HostileApp ? await IssueBypassingValidationAsync(team, app) : (await Gateway.IssueTokenAsync(team, app)).Token;
            var chat = Gateway.OpenAi(token).GetChatClient(model);
            for (var i = 0; i < requests; i++)
            {
                await chat.CompleteChatAsync(
                    [new UserChatMessage($"Summarise the quarterly figures for {app}, part {i}. " + string.Concat(Enumerable.Repeat("Revenue, costs and margins by region. ", 20)))],
                    new ChatCompletionOptions { MaxOutputTokenCount = 400 });
            }
        }
        await WaitForSpendAsync();

        Page = await HeadlessChromium.DumpDomAsync(PageUrl(GatewayHost.AdminToken),
            settled: dom => dom.Contains("data-state=\"ready\"", StringComparison.Ordinal));
    }

    /// <summary>
    /// The shipped policies without rate limits and breakers, and with caps sized to this traffic, so the budget
    /// chart shows each kind of bar: rag has no cap, customer-service stays under its alert (about 18% of
    /// $0.10), analytics passes its alert (about 60% of $0.015, alert at 50%). The output cap of 400 tokens
    /// keeps each request's admission hold (prompt plus cap, priced) under what is left of the analytics cap.
    /// </summary>
    private static string Policies()
    {
        var folder = TestPaths.CopyOfShippedPoliciesWithoutLimits();
        SetBudget(folder, "customer-service", new JsonObject { ["monthlyUsd"] = 0.10m, ["alertPercent"] = 80 });
        SetBudget(folder, "analytics", new JsonObject { ["monthlyUsd"] = 0.015m, ["alertPercent"] = 50 });
        return folder;
    }

    private static void SetBudget(string folder, string team, JsonObject budget)
    {
        var file = Path.Combine(folder, "teams", team + ".json");
        var node = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
        node["budget"] = budget;
        File.WriteAllText(file, node.ToJsonString());
    }

    public Uri PageUrl(string credential) => new(Gateway.AdminUrl, "/admin/dashboard#key=" + Uri.EscapeDataString(credential));

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await Gateway.Admin.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {text}");
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    public async Task DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Simulator.DisposeAsync();
    }

    /// <summary>
    /// The admin API refuses app names that are not plain identifiers; a record that reached the store some other
    /// way (an older version, a restored backup, a direct write) must still render harmlessly.
    /// </summary>
    private async Task<string> IssueBypassingValidationAsync(string team, string app)
    {
        var issued = await Gateway.Services.GetRequiredService<TokenIssuer>().IssueAsync(team, app, TimeSpan.FromDays(1), "test", CancellationToken.None);
        return issued.Secret;
    }

    // Spend is recorded as each response ends; the last request's record may land just after its response.
    private async Task WaitForSpendAsync()
    {
        var deadline = Stopwatch.GetTimestamp() + 15 * Stopwatch.Frequency;
        long requests = 0;
        while (Stopwatch.GetTimestamp() < deadline)
        {
            using var response = await Gateway.Admin.GetAsync("/admin/spend?groupBy=team");
            if (response.IsSuccessStatusCode)
            {
                var body = await response.Content.ReadFromJsonAsync<JsonElement>();
                requests = body.GetProperty("total").GetProperty("requests").GetInt64();
                if (requests >= TotalRequests)
                {
                    return;
                }
            }
            await Task.Delay(50);   // poll interval, not a synchronisation: the loop ends on the condition
        }
        throw new TimeoutException($"/admin/spend counted {requests} of {TotalRequests} requests after 15 s.");
    }
}

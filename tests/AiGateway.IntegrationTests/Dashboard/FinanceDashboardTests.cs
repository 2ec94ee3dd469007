using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using AiGateway.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace AiGateway.IntegrationTests.Dashboard;

/// <summary>
/// The finance page rendered by headless Chromium against a gateway that served real traffic: every chart is
/// drawn from <c>/admin/spend</c> and <c>/admin/budgets</c>, and its numbers are the API's numbers.
/// </summary>
public sealed class FinanceDashboardTests : IClassFixture<FinanceDashboardFixture>
{
    private const string RoleNeeded = "This credential cannot read spend (finance or admin role needed)";

    private readonly FinanceDashboardFixture _fixture;
    private readonly ITestOutputHelper _output;

    public FinanceDashboardTests(FinanceDashboardFixture fixture, ITestOutputHelper output)
    {
        _fixture = fixture;
        _output = output;
    }

    private string Dom => _fixture.Dom;

    [Fact]
    public void Page_SignedInByFragment_RendersReport()
    {
        Assert.True(Dom.Contains("data-state=\"ready\"", StringComparison.Ordinal),
            $"the page did not finish loading; its status line says: {DashboardDom.TextOfId(Dom, "status")}");
        Assert.Contains("<main id=\"report\">", Dom, StringComparison.Ordinal);
        Assert.Contains("<section id=\"sign-in\" class=\"sign-in\" hidden=\"\">", Dom, StringComparison.Ordinal);
    }

    [Fact]
    public void Page_SignedInByFragment_RanWithoutScriptErrorsOrPolicyViolations()
    {
        // Chromium logs every blocked inline script or style, every script error and every failed load here.
        Assert.Empty(_fixture.Page.Console);
    }

    [Theory]
    [InlineData("team")]
    [InlineData("model")]
    [InlineData("day")]
    [InlineData("budget")]
    [InlineData("tokens")]
    public void Chart_AfterTraffic_IsAnAccessibleSvgWithBars(string name)
    {
        var (attributes, _) = DashboardDom.Chart(Dom, name);

        Assert.Equal("img", DashboardDom.Attribute(attributes, "role"));
        Assert.False(string.IsNullOrWhiteSpace(DashboardDom.Attribute(attributes, "aria-label")));
        Assert.NotEmpty(DashboardDom.Bars(Dom, name));
    }

    [Fact]
    public async Task TeamChart_AfterTraffic_EachBarIsTheTeamsSpendFromTheApi()
    {
        var api = await _fixture.GetJsonAsync("/admin/spend?groupBy=team");

        var expected = Rows(api, "team");
        Assert.Equal(["analytics", "customer-service", "rag"], expected.Select(r => r.Key).Order(StringComparer.Ordinal));
        Assert.Equal(expected, DashboardDom.Bars(Dom, "team"));
    }

    [Fact]
    public async Task Total_AfterTraffic_EqualsTheApiTotal()
    {
        var api = await _fixture.GetJsonAsync("/admin/spend?groupBy=team");
        var total = api.GetProperty("total");

        Assert.Equal(FinanceDashboardFixture.TotalRequests, total.GetProperty("requests").GetInt64());
        Assert.True(total.GetProperty("costMicros").GetInt64() > 0);
        Assert.Equal(total.GetProperty("costMicros").GetInt64().ToString(CultureInfo.InvariantCulture), DashboardDom.AttributeOfId(Dom, "total-cost", "data-value"));
        Assert.StartsWith("$", DashboardDom.TextOfId(Dom, "total-cost"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ModelChart_AfterTraffic_EachBarIsTheModelsSpendFromTheApi()
    {
        var api = await _fixture.GetJsonAsync("/admin/spend?groupBy=model");

        var expected = Rows(api, "model");
        Assert.Equal(FinanceDashboardFixture.Traffic.Select(t => t.Model).Distinct().Order(StringComparer.Ordinal), expected.Select(r => r.Key).Order(StringComparer.Ordinal));
        Assert.Equal(expected, DashboardDom.Bars(Dom, "model"));
    }

    [Fact]
    public async Task DayChart_AfterTraffic_HasAColumnForEveryDayOfTheRangeWithTheApisSpend()
    {
        var api = await _fixture.GetJsonAsync("/admin/spend?groupBy=day");
        var from = DateOnly.Parse(api.GetProperty("from").GetString()!, CultureInfo.InvariantCulture);
        var to = DateOnly.Parse(api.GetProperty("to").GetString()!, CultureInfo.InvariantCulture);
        var spent = Rows(api, "day").ToDictionary(r => r.Key, r => r.Value);

        var bars = DashboardDom.Bars(Dom, "day");

        var days = Enumerable.Range(0, to.DayNumber - from.DayNumber + 1).Select(i => from.AddDays(i).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Assert.Equal(days.Select(d => KeyValuePair.Create(d, spent.GetValueOrDefault(d))), bars);
        Assert.Equal(api.GetProperty("total").GetProperty("costMicros").GetInt64(), bars.Sum(b => b.Value));
    }

    [Fact]
    public async Task BudgetChart_AfterTraffic_HasABarPerTeamWithItsMonthsSpend()
    {
        var api = await _fixture.GetJsonAsync("/admin/budgets");

        var teams = api.GetProperty("teams").EnumerateArray().ToList();
        Assert.NotEmpty(teams);
        Assert.Equal(teams.Select(t => KeyValuePair.Create(t.GetProperty("team").GetString()!, t.GetProperty("spentMicros").GetInt64())),
            DashboardDom.Bars(Dom, "budget"));
        // Each row's visible caption (the <text> after its bar) says "no cap" exactly for the teams without one.
        var uncapped = teams.Count(t => t.GetProperty("limitMicros").GetInt64() == 0);
        Assert.Equal(1, uncapped);
        Assert.Equal(uncapped, Regex.Count(DashboardDom.Chart(Dom, "budget").Body, "no cap</text>"));
    }

    [Fact]
    public async Task BudgetChart_AfterTraffic_ColourFollowsTheAlertThresholdAndTheCap()
    {
        var api = await _fixture.GetJsonAsync("/admin/budgets");

        var expected = api.GetProperty("teams").EnumerateArray().ToDictionary(t => t.GetProperty("team").GetString()!, t =>
            t.GetProperty("limitMicros").GetInt64() == 0 ? "uncapped"
            : t.GetProperty("suspended").GetBoolean() || t.GetProperty("usedRatio").GetDouble() >= 1 ? "over"
            : t.GetProperty("usedRatio").GetDouble() * 100 >= t.GetProperty("alertPercent").GetInt32() ? "warn"
            : "ok");
        var drawn = Regex.Matches(DashboardDom.Chart(Dom, "budget").Body, "<rect[^>]*>")
            .Where(m => DashboardDom.Attribute(m.Value, "data-key") is not null)
            .ToDictionary(m => DashboardDom.Attribute(m.Value, "data-key")!, m => DashboardDom.Attribute(m.Value, "data-level") ?? "");

        Assert.Equal(expected, drawn);
        // The fixture's caps are chosen so that this run draws each kind of bar the page knows short of "over".
        Assert.Equal(["ok", "uncapped", "warn"], drawn.Values.Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task TokenChart_AfterTraffic_ShowsTheTopTokensAndTheirTeamsAndApps()
    {
        var api = await _fixture.GetJsonAsync("/admin/spend?groupBy=token&limit=10");

        var expected = Rows(api, "token");
        Assert.Equal(FinanceDashboardFixture.Traffic.Length, expected.Count);
        Assert.Equal(expected, DashboardDom.Bars(Dom, "tokens"));
        var table = DashboardDom.TokenTableRows(Dom);
        Assert.Equal(
            api.GetProperty("rows").EnumerateArray().Select(r => $"{r.GetProperty("token").GetString()}|{r.GetProperty("team").GetString()}|{r.GetProperty("app").GetString()}"),
            table.Select(cells => $"{cells[0]}|{cells[1]}|{cells[2]}"));
        Assert.All(table, cells => Assert.StartsWith("$", cells[6], StringComparison.Ordinal));
    }

    [Fact]
    public void AppNameWithMarkup_IsRenderedAsTextOnly()
    {
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", Dom, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", Dom, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(DashboardDom.TokenTableRows(Dom), cells => cells[2] == FinanceDashboardFixture.HostileApp);
    }

    [Fact]
    public async Task Screenshot_AfterTraffic_IsSavedAsTestArtifact()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "artifacts", "finance-dashboard.png");

        await HeadlessChromium.ScreenshotAsync(_fixture.PageUrl(GatewayHost.AdminToken), path, 1400, 1800);

        var bytes = await File.ReadAllBytesAsync(path);
        Assert.Equal([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], bytes[..8]);
        // A blank or sign-in-only page of this size compresses to a few kilobytes; charts and a table do not.
        Assert.True(bytes.Length > 20 * 1024, $"the screenshot is only {bytes.Length} bytes: {path}");
        _output.WriteLine($"Finance dashboard screenshot: {path}");
    }

    [Fact]
    public async Task ViewerCredential_SpendRefused_StatusSaysWhichRoleIsNeeded()
    {
        using var created = await _fixture.Gateway.Admin.PostAsJsonAsync("/admin/credentials", new { name = "dashboard-viewer", role = "viewer" });
        created.EnsureSuccessStatusCode();
        var viewer = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;

        var (dom, console) = await HeadlessChromium.DumpDomAsync(_fixture.PageUrl(viewer), settled: d => d.Contains("data-state=\"error\"", StringComparison.Ordinal));

        Assert.Equal(RoleNeeded, DashboardDom.TextOfId(dom, "status"));
        Assert.Contains("<main id=\"report\" hidden=\"\">", dom, StringComparison.Ordinal);
        Assert.DoesNotContain("data-value=\"", DashboardDom.Chart(dom, "team").Body, StringComparison.Ordinal);
        // The console may report the refused fetches themselves, but nothing the page did wrong.
        Assert.DoesNotContain(console, line => line.Contains("Content Security Policy", StringComparison.Ordinal) || line.Contains("Uncaught", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UnknownCredential_Refused_StatusSaysWhichRoleIsNeededAndSignInIsShown()
    {
        var (dom, _) = await HeadlessChromium.DumpDomAsync(_fixture.PageUrl("aigw_admin_not-a-real-credential"),
            settled: d => d.Contains("data-state=\"error\"", StringComparison.Ordinal));

        Assert.Equal(RoleNeeded, DashboardDom.TextOfId(dom, "status"));
        Assert.Contains("<section id=\"sign-in\" class=\"sign-in\">", dom, StringComparison.Ordinal);
    }

    private static List<KeyValuePair<string, long>> Rows(JsonElement spend, string dimension) =>
        spend.GetProperty("rows").EnumerateArray()
            .Select(r => KeyValuePair.Create(r.GetProperty(dimension).GetString()!, r.GetProperty("costMicros").GetInt64()))
            .ToList();
}

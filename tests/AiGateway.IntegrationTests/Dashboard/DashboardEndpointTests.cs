using System.Net;
using System.Text.RegularExpressions;
using AiGateway.IntegrationTests.Infrastructure;

namespace AiGateway.IntegrationTests.Dashboard;

/// <summary>The finance page's three static files: where they are served, with which headers, and what they may contain.</summary>
public sealed partial class DashboardEndpointTests : IClassFixture<GatewayFixture>
{
    private const string ExpectedPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    private readonly GatewayFixture _fixture;

    public DashboardEndpointTests(GatewayFixture fixture) => _fixture = fixture;

    private GatewayHost Gateway => _fixture.Gateway;

    [GeneratedRegex(@"<script\b([^>]*)>(.*?)</script>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex ScriptElement();

    [GeneratedRegex(@"\s(style|on[a-z]+)\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex InlineStyleOrHandler();

    [GeneratedRegex(@"(https?:)?//[a-z0-9.-]+\.[a-z]{2,}", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalUrl();

    [Theory]
    [InlineData("/admin/dashboard", "text/html")]
    [InlineData("/admin/dashboard/app.js", "text/javascript")]
    [InlineData("/admin/dashboard/app.css", "text/css")]
    public async Task Get_AdminListenerWithoutCredential_ServesFileWithSecurityHeaders(string path, string mediaType)
    {
        using var anonymous = new HttpClient { BaseAddress = Gateway.AdminUrl };

        using var response = await anonymous.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(ExpectedPolicy, Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.True(response.Headers.CacheControl?.NoStore, "Cache-Control: no-store expected");
        Assert.True((await response.Content.ReadAsByteArrayAsync()).Length > 500);
    }

    [Theory]
    [InlineData("/admin/dashboard")]
    [InlineData("/admin/dashboard/app.js")]
    [InlineData("/admin/dashboard/app.css")]
    public async Task Get_ProxyListener_Returns404(string path)
    {
        using var response = await Gateway.Http.GetAsync(path);

        await OpenAiErrorAssert.IsErrorAsync(response, HttpStatusCode.NotFound, "unknown_url");
        Assert.False(response.Headers.Contains("Content-Security-Policy"));
    }

    [Fact]
    public async Task Page_Html_HasNoInlineScriptStyleOrExternalResource()
    {
        using var anonymous = new HttpClient { BaseAddress = Gateway.AdminUrl };

        var html = await anonymous.GetStringAsync("/admin/dashboard");

        var scripts = ScriptElement().Matches(html);
        var script = Assert.Single(scripts);
        Assert.Contains("src=\"/admin/dashboard/app.js\"", script.Groups[1].Value, StringComparison.Ordinal);
        Assert.True(string.IsNullOrWhiteSpace(script.Groups[2].Value), "the script element must have no inline body");
        Assert.DoesNotMatch(InlineStyleOrHandler(), html);
        Assert.DoesNotContain("<style", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(ExternalUrl(), html);
        Assert.Contains("href=\"/admin/dashboard/app.css\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_Script_WritesDataOnlyAsTextAndLoadsNothingExternal()
    {
        using var anonymous = new HttpClient { BaseAddress = Gateway.AdminUrl };

        var script = await anonymous.GetStringAsync("/admin/dashboard/app.js");
        var style = await anonymous.GetStringAsync("/admin/dashboard/app.css");

        foreach (var sink in new[] { "innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function", "localStorage" })
        {
            Assert.DoesNotContain(sink, script, StringComparison.Ordinal);
        }
        Assert.Contains("textContent", script, StringComparison.Ordinal);
        Assert.Contains("sessionStorage", script, StringComparison.Ordinal);
        Assert.DoesNotMatch(ExternalUrl(), script.Replace("http://www.w3.org/2000/svg", "", StringComparison.Ordinal));
        Assert.DoesNotContain("@import", style, StringComparison.Ordinal);
        Assert.DoesNotContain("url(", style, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_InChromiumWithoutCredential_ShowsTheSignInBox()
    {
        var (dom, console) = await HeadlessChromium.DumpDomAsync(new Uri(Gateway.AdminUrl, "/admin/dashboard"),
            settled: d => d.Contains("data-state=\"signed-out\"", StringComparison.Ordinal));

        Assert.Contains("data-state=\"signed-out\"", dom, StringComparison.Ordinal);
        Assert.Contains("<section id=\"sign-in\" class=\"sign-in\">", dom, StringComparison.Ordinal);
        Assert.Contains("<main id=\"report\" hidden=\"\">", dom, StringComparison.Ordinal);
        Assert.Contains("Sign in with an admin API credential.", dom, StringComparison.Ordinal);
        Assert.Empty(console);
    }
}

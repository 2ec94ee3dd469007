using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace AiGateway.IntegrationTests.Dashboard;

/// <summary>Reads what the finance page drew out of the DOM Chromium serialized: chart bars, the total, table rows.</summary>
public static partial class DashboardDom
{
    [GeneratedRegex(@"<svg\b(?<attrs>[^>]*)>(?<body>.*?)</svg>", RegexOptions.Singleline)]
    private static partial Regex Svg();

    [GeneratedRegex(@"<rect\b[^>]*>", RegexOptions.Singleline)]
    private static partial Regex Rect();

    [GeneratedRegex(@"<table id=""tokens-table"">.*?<tbody>(?<body>.*?)</tbody>", RegexOptions.Singleline)]
    private static partial Regex TokensTableBody();

    [GeneratedRegex(@"<tr>(?<cells>.*?)</tr>", RegexOptions.Singleline)]
    private static partial Regex Row();

    [GeneratedRegex(@"<td[^>]*>(?<text>.*?)</td>", RegexOptions.Singleline)]
    private static partial Regex Cell();

    /// <summary>The opening tag and the content of the chart <c>&lt;svg data-chart="name"&gt;</c>.</summary>
    public static (string Attributes, string Body) Chart(string dom, string name)
    {
        var match = Svg().Matches(dom).SingleOrDefault(m => Attribute(m.Groups["attrs"].Value, "data-chart") == name);
        Assert.True(match is not null, $"no <svg data-chart=\"{name}\"> in the rendered page");
        return (match.Groups["attrs"].Value, match.Groups["body"].Value);
    }

    /// <summary>The chart's bars: each <c>&lt;rect&gt;</c> with <c>data-key</c>, as key to <c>data-value</c> (micro-dollars), in drawing order.</summary>
    public static List<KeyValuePair<string, long>> Bars(string dom, string name) =>
        Rect().Matches(Chart(dom, name).Body)
            .Select(m => m.Value)
            .Where(tag => Attribute(tag, "data-key") is not null)
            .Select(tag => KeyValuePair.Create(Attribute(tag, "data-key")!, long.Parse(Attribute(tag, "data-value")!, CultureInfo.InvariantCulture)))
            .ToList();

    /// <summary>The decoded value of <paramref name="name"/> on the first element whose opening tag has <paramref name="id"/>.</summary>
    public static string? AttributeOfId(string dom, string id, string name)
    {
        var tag = Regex.Match(dom, $@"<[a-z]+\b[^>]*\bid=""{Regex.Escape(id)}""[^>]*>");
        return tag.Success ? Attribute(tag.Value, name) : null;
    }

    /// <summary>The text of the element with <paramref name="id"/> (no nested elements expected).</summary>
    public static string? TextOfId(string dom, string id)
    {
        var match = Regex.Match(dom, $@"<(?<tag>[a-z]+)\b[^>]*\bid=""{Regex.Escape(id)}""[^>]*>(?<text>[^<]*)</\k<tag>>");
        return match.Success ? WebUtility.HtmlDecode(match.Groups["text"].Value) : null;
    }

    /// <summary>The top-tokens table as decoded cell texts per row.</summary>
    public static List<string[]> TokenTableRows(string dom)
    {
        var body = TokensTableBody().Match(dom);
        Assert.True(body.Success, "no tokens table body in the rendered page");
        return Row().Matches(body.Groups["body"].Value)
            .Select(r => Cell().Matches(r.Groups["cells"].Value).Select(c => WebUtility.HtmlDecode(c.Groups["text"].Value)).ToArray())
            .ToList();
    }

    /// <summary>An attribute of one opening tag, entity-decoded; null when absent.</summary>
    public static string? Attribute(string tag, string name)
    {
        var match = Regex.Match(tag, $@"\s{Regex.Escape(name)}=""(?<value>[^""]*)""");
        return match.Success ? WebUtility.HtmlDecode(match.Groups["value"].Value) : null;
    }
}

using AiGateway.Admin;
using AiGateway.Spend;

namespace AiGateway.UnitTests.Spend;

public sealed class SpendReportTests
{
    private static readonly DateOnly D1 = new(2025, 3, 1);
    private static readonly DateOnly D2 = new(2025, 3, 2);

    private static readonly SpendAggregate[] Aggregates =
    [
        new("rag", D1, "app-a", "gpt-4.1", "tok_1", 2, 100, 10, 1_000),
        new("rag", D1, "app-a", "deepseek-v3.2", "tok_1", 1, 50, 5, 30),
        new("rag", D2, "app-b", "gpt-4.1", "tok_2", 3, 300, 30, 5_000),
        new("search", D1, "app-a", "gpt-4.1", "tok_3", 1, 10, 1, 2_000),
        new("search", D2, "app-c", "deepseek-v3.2", "tok_3", 4, 40, 4, 70),
        new("search", D2, "app-c", "deepseek-v3.2", "tok_4", 1, 1, 1, 1),
    ];

    private static void AssertTotalsEqual(IEnumerable<SpendRow> rows)
    {
        var list = rows.ToList();
        Assert.Equal(Aggregates.Sum(a => a.Requests), list.Sum(r => r.Requests));
        Assert.Equal(Aggregates.Sum(a => a.InputTokens), list.Sum(r => r.InputTokens));
        Assert.Equal(Aggregates.Sum(a => a.OutputTokens), list.Sum(r => r.OutputTokens));
        Assert.Equal(Aggregates.Sum(a => a.CostMicros), list.Sum(r => r.CostMicros));
    }

    [Fact]
    public void Group_ByTeam_SumsAndSortsByCostDescending()
    {
        var rows = SpendReport.Group(Aggregates, SpendDimension.Team);

        Assert.Equal(
        [
            new SpendRow("rag", null, null, null, null, 6, 450, 45, 6_030),
            new SpendRow("search", null, null, null, null, 6, 51, 6, 2_071),
        ], rows);
    }

    [Fact]
    public void Group_ByModel_AcrossTeams()
    {
        var rows = SpendReport.Group(Aggregates, SpendDimension.Model);

        Assert.Equal(
        [
            new SpendRow(null, null, "gpt-4.1", null, null, 6, 410, 41, 8_000),
            new SpendRow(null, null, "deepseek-v3.2", null, null, 6, 91, 10, 101),
        ], rows);
    }

    [Fact]
    public void Group_ByApp_AcrossTeams()
    {
        var rows = SpendReport.Group(Aggregates, SpendDimension.App);

        Assert.Equal(["app-b", "app-a", "app-c"], rows.Select(r => r.App));
        Assert.Equal([5_000, 3_030, 71], rows.Select(r => r.CostMicros));
        Assert.All(rows, r => Assert.Null(r.Team));
    }

    [Fact]
    public void Group_ByDay_SortsByDayAscendingThenCost()
    {
        var rows = SpendReport.Group(Aggregates, SpendDimension.Day);

        Assert.Equal(
        [
            new SpendRow(null, null, null, "2025-03-01", null, 4, 160, 16, 3_030),
            new SpendRow(null, null, null, "2025-03-02", null, 8, 341, 35, 5_071),
        ], rows);
    }

    [Fact]
    public void Group_ByTeamAndDay_DayFirstThenCostDescending()
    {
        var rows = SpendReport.Group(Aggregates, SpendDimension.Team | SpendDimension.Day);

        Assert.Equal(
        [
            ("2025-03-01", "search", 2_000L),
            ("2025-03-01", "rag", 1_030L),
            ("2025-03-02", "rag", 5_000L),
            ("2025-03-02", "search", 71L),
        ], rows.Select(r => (r.Day!, r.Team!, r.CostMicros)));
        AssertTotalsEqual(rows);
    }

    [Fact]
    public void Group_ByToken_RowsAlsoCarryTeamAndApp()
    {
        var rows = SpendReport.Group(Aggregates, SpendDimension.Token);

        Assert.Equal(
        [
            new SpendRow("rag", "app-b", null, null, "tok_2", 3, 300, 30, 5_000),
            new SpendRow("search", "app-a", null, null, "tok_3", 1, 10, 1, 2_000),
            new SpendRow("rag", "app-a", null, null, "tok_1", 3, 150, 15, 1_030),
            new SpendRow("search", "app-c", null, null, "tok_3", 4, 40, 4, 70),
            new SpendRow("search", "app-c", null, null, "tok_4", 1, 1, 1, 1),
        ], rows);
    }

    [Fact]
    public void Group_ByModelAndToken_KeepsTokenRowsPerModel()
    {
        var rows = SpendReport.Group(Aggregates, SpendDimension.Model | SpendDimension.Token);

        Assert.Equal(6, rows.Count);
        Assert.All(rows, r => Assert.NotNull(r.Team));
        Assert.All(rows, r => Assert.NotNull(r.App));
        Assert.All(rows, r => Assert.Null(r.Day));
        AssertTotalsEqual(rows);
    }

    [Fact]
    public void Group_EqualCosts_TieBrokenByNameForAStableOrder()
    {
        SpendAggregate[] tied =
        [
            new("zeta", D1, "a", "m", "t", 1, 1, 1, 10),
            new("alpha", D1, "a", "m", "t", 1, 1, 1, 10),
            new("mid", D1, "a", "m", "t", 1, 1, 1, 10),
        ];

        Assert.Equal(["alpha", "mid", "zeta"], SpendReport.Group(tied, SpendDimension.Team).Select(r => r.Team));
        Assert.Equal(["alpha", "mid", "zeta"], SpendReport.Group(tied.Reverse(), SpendDimension.Team).Select(r => r.Team));
    }

    [Fact]
    public void Group_Nothing_NoRows()
    {
        Assert.Empty(SpendReport.Group([], SpendDimension.Team));
    }

    [Theory]
    [InlineData(SpendDimension.Team)]
    [InlineData(SpendDimension.App)]
    [InlineData(SpendDimension.Model)]
    [InlineData(SpendDimension.Day)]
    [InlineData(SpendDimension.Token)]
    [InlineData(SpendDimension.Team | SpendDimension.App | SpendDimension.Model | SpendDimension.Day | SpendDimension.Token)]
    [InlineData(SpendDimension.App | SpendDimension.Model)]
    [InlineData(SpendDimension.Day | SpendDimension.Token)]
    public void Group_AnyDimensions_TotalsEqualTheAggregatesAndGroupsAreDistinct(SpendDimension by)
    {
        var rows = SpendReport.Group(Aggregates, by);

        AssertTotalsEqual(rows);
        Assert.Equal(rows.Count, rows.Select(r => (r.Team, r.App, r.Model, r.Day, r.Token)).Distinct().Count());
        Assert.Equal((by & SpendDimension.Model) != 0, rows.All(r => r.Model is not null));
        Assert.Equal((by & SpendDimension.Day) != 0, rows.All(r => r.Day is not null));
        Assert.Equal((by & (SpendDimension.Team | SpendDimension.Token)) != 0, rows.All(r => r.Team is not null));
        if ((by & SpendDimension.Day) == 0)
        {
            Assert.Equal(rows.OrderByDescending(r => r.CostMicros).Select(r => r.CostMicros), rows.Select(r => r.CostMicros));
        }
        else
        {
            Assert.Equal(rows.Select(r => r.Day).Order(StringComparer.Ordinal), rows.Select(r => r.Day));
        }
    }

    [Theory]
    [InlineData(null, SpendDimension.Team, new[] { "team" })]
    [InlineData("", SpendDimension.Team, new[] { "team" })]
    [InlineData("model", SpendDimension.Model, new[] { "model" })]
    [InlineData(" day , team ", SpendDimension.Day | SpendDimension.Team, new[] { "day", "team" })]
    [InlineData("token,team,token", SpendDimension.Token | SpendDimension.Team, new[] { "token", "team" })]
    [InlineData("team,,app", SpendDimension.Team | SpendDimension.App, new[] { "team", "app" })]
    public void TryParseDimensions_Valid(string? text, SpendDimension expected, string[] order)
    {
        Assert.True(SpendReport.TryParseDimensions(text, out var dimensions, out var parsedOrder));
        Assert.Equal(expected, dimensions);
        Assert.Equal(order, parsedOrder);
    }

    [Theory]
    [InlineData("teams")]
    [InlineData("Team")]
    [InlineData("team,cost")]
    [InlineData(",")]
    public void TryParseDimensions_Invalid(string text)
    {
        Assert.False(SpendReport.TryParseDimensions(text, out _, out _));
    }
}

public sealed class SpendCsvFieldTests
{
    [Theory]
    [InlineData("", "")]
    [InlineData("rag", "rag")]
    [InlineData("gpt-4.1", "gpt-4.1")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("two\r\nlines", "\"two\r\nlines\"")]
    [InlineData("=SUM(A1:A9)", "'=SUM(A1:A9)")]
    [InlineData("+1", "'+1")]
    [InlineData("-1", "'-1")]
    [InlineData("@cmd", "'@cmd")]
    [InlineData("\tx", "'\tx")]
    [InlineData("\rx", "\"'\rx\"")]
    [InlineData("=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"")]
    [InlineData("a=b", "a=b")]
    [InlineData("a-b", "a-b")]
    public void CsvField_QuotesAndDefusesFormulas(string value, string expected)
    {
        Assert.Equal(expected, SpendAdminEndpoints.CsvField(value));
    }
}

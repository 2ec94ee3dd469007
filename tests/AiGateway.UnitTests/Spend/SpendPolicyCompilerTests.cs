using AiGateway.Policies;
using AiGateway.Spend;
using AiGateway.UnitTests.Policies;

namespace AiGateway.UnitTests.Spend;

/// <summary>The <c>budget</c> and <c>breaker</c> sections, through the team validator and the loader.</summary>
public sealed class SpendPolicyCompilerTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly PolicyFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static TeamPolicyDocument Document(BudgetDocument? budget = null, BreakerDocument? breaker = null) => new()
    {
        Team = "rag",
        Models = ["gpt-4.1"],
        Endpoints = ["chat"],
        UpstreamKey = "creds/rag",
        Budget = budget,
        Breaker = breaker,
    };

    private static (TeamPolicy? Policy, List<string> Errors) Compile(BudgetDocument? budget = null, BreakerDocument? breaker = null)
    {
        var errors = new List<string>();
        var policy = TeamPolicyValidator.Compile(Document(budget, breaker), "policies/teams/rag.json", errors);
        return (policy, errors);
    }

    private static string SingleError(BudgetDocument? budget = null, BreakerDocument? breaker = null)
    {
        var (policy, errors) = Compile(budget, breaker);
        Assert.Null(policy);
        var error = Assert.Single(errors);
        Assert.StartsWith("policies/teams/rag.json: ", error, StringComparison.Ordinal);
        return error;
    }

    private static BreakerDocument TokenBreaker(decimal? maxUsd, string? window) => new() { Token = new VelocityDocument { MaxUsd = maxUsd, Window = window } };

    [Fact]
    public void Compile_NoBudgetNoBreaker_NothingToEnforce()
    {
        var (policy, errors) = Compile();

        Assert.Empty(errors);
        Assert.NotNull(policy);
        Assert.Equal(SpendPolicy.None, policy.Spend);
        Assert.True(policy.Spend.NothingToEnforce);
        Assert.Equal(80, policy.Spend.AlertPercent);
    }

    [Fact]
    public void Compile_FullSection_InMicroDollarsAndSeconds()
    {
        var (policy, errors) = Compile(
            new BudgetDocument { MonthlyUsd = 500.25m, TokenMonthlyUsd = 0.000001m, AlertPercent = 90 },
            new BreakerDocument { Token = new() { MaxUsd = 5, Window = "5m" }, Team = new() { MaxUsd = 25.5m, Window = "1h" } });

        Assert.Empty(errors);
        Assert.Equal(new SpendPolicy(500_250_000, 1, 90, new VelocityLimit(25_500_000, 3600), new VelocityLimit(5_000_000, 300)), policy!.Spend);
        Assert.False(policy.Spend.NothingToEnforce);
    }

    [Theory]
    [InlineData("10s", 10)]
    [InlineData("30s", 30)]
    [InlineData("90s", 90)]
    [InlineData("5m", 300)]
    [InlineData("1h", 3600)]
    [InlineData("24h", 86_400)]
    [InlineData("1440m", 86_400)]
    [InlineData("007m", 420)]
    public void Compile_Window_Parsed(string window, int seconds)
    {
        var (policy, errors) = Compile(breaker: TokenBreaker(5, window));

        Assert.Empty(errors);
        Assert.Equal(new VelocityLimit(5_000_000, seconds), policy!.Spend.TokenBreaker);
        Assert.True(policy.Spend.TeamBreaker.IsNone);
    }

    [Theory]
    [InlineData("5x")]
    [InlineData("5s")] // below 10 s
    [InlineData("9s")]
    [InlineData("25h")] // above 24 h
    [InlineData("86401s")]
    [InlineData("0m")]
    [InlineData("-5m")]
    [InlineData("+5m")]
    [InlineData(" 5m")]
    [InlineData("5 m")]
    [InlineData("1.5h")]
    [InlineData("5M")]
    [InlineData("m")]
    [InlineData("5")]
    [InlineData("")]
    [InlineData("99999999999h")]
    [InlineData("2147483647h")]
    [InlineData(null)]
    public void Compile_BadWindow_RefusedNamingTheField(string? window)
    {
        var error = SingleError(breaker: TokenBreaker(5, window));

        Assert.Contains("'breaker.token.window'", error, StringComparison.Ordinal);
        Assert.Contains("10s to 24h", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_TeamBreakerBadWindow_NamesTheTeamField()
    {
        var error = SingleError(breaker: new BreakerDocument { Team = new() { MaxUsd = 5, Window = "25h" } });

        Assert.Contains("'breaker.team.window' is \"25h\"", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("0")]
    public void Compile_BreakerWithoutMaxUsd_Refused(string? maxUsd)
    {
        var max = maxUsd is null ? (decimal?)null : decimal.Parse(maxUsd, System.Globalization.CultureInfo.InvariantCulture);

        var error = SingleError(breaker: TokenBreaker(max, "5m"));

        Assert.Contains("'breaker.token.maxUsd' is required and must be above 0", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("0.0000001")]
    public void Compile_BreakerMaxUsdInvalid_RefusedNamingTheField(string maxUsd)
    {
        var (policy, errors) = Compile(breaker: new BreakerDocument { Team = new() { MaxUsd = decimal.Parse(maxUsd, System.Globalization.CultureInfo.InvariantCulture), Window = "5m" } });

        Assert.Null(policy);
        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.Contains("'breaker.team.maxUsd'", e, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    [InlineData(-5)]
    public void Compile_AlertPercentOutOfRange_Refused(int percent)
    {
        var error = SingleError(new BudgetDocument { MonthlyUsd = 10, AlertPercent = percent });

        Assert.Contains($"'budget.alertPercent' is {percent}; use 1 to 100", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(100)]
    public void Compile_AlertPercentAtTheBounds_Accepted(int percent)
    {
        var (policy, errors) = Compile(new BudgetDocument { MonthlyUsd = 10, AlertPercent = percent });

        Assert.Empty(errors);
        Assert.Equal(percent, policy!.Spend.AlertPercent);
    }

    [Theory]
    [InlineData("-1", "budget.monthlyUsd")]
    [InlineData("0.1234567", "budget.monthlyUsd")]
    [InlineData("1000000001", "budget.monthlyUsd")]
    public void Compile_BadMonthlyUsd_RefusedNamingTheField(string usd, string field)
    {
        var error = SingleError(new BudgetDocument { MonthlyUsd = decimal.Parse(usd, System.Globalization.CultureInfo.InvariantCulture) });

        Assert.Contains($"'{field}' is {usd}", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_BadTokenMonthlyUsd_RefusedNamingTheField()
    {
        var error = SingleError(new BudgetDocument { TokenMonthlyUsd = -2 });

        Assert.Contains("'budget.tokenMonthlyUsd' is -2", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_ZeroCaps_MeanNoCap()
    {
        var (policy, errors) = Compile(new BudgetDocument { MonthlyUsd = 0, TokenMonthlyUsd = 0 });

        Assert.Empty(errors);
        Assert.True(policy!.Spend.NothingToEnforce);
    }

    [Fact]
    public void Load_BudgetAndBreakerFromJson_Compiled()
    {
        _folder.Write("rag.json", """
            {
              "team": "rag",
              "models": ["gpt-4.1"],
              "endpoints": ["chat"],
              "upstreamKey": "creds/rag",
              "budget": { "monthlyUsd": 500, "tokenMonthlyUsd": 100.5, "alertPercent": 75 },
              "breaker": { "token": { "maxUsd": 5, "window": "30s" }, "team": { "maxUsd": 25, "window": "5m" } }
            }
            """);

        var snapshot = PolicyLoader.Load(_folder.PoliciesPath, 1, Now);

        Assert.Equal(new SpendPolicy(500_000_000, 100_500_000, 75, new VelocityLimit(25_000_000, 300), new VelocityLimit(5_000_000, 30)), snapshot.Find("rag")!.Spend);
    }

    [Fact]
    public void Load_BadBreakerWindowInJson_ErrorNamesFileAndField()
    {
        _folder.Write("rag.json", """
            {
              "team": "rag", "models": ["gpt-4.1"], "endpoints": ["chat"], "upstreamKey": "creds/rag",
              "breaker": { "token": { "maxUsd": 5, "window": "5s" } }
            }
            """);

        var ex = Assert.Throws<PolicyValidationException>(() => PolicyLoader.Load(_folder.PoliciesPath, 1, Now));

        var error = Assert.Single(ex.Errors);
        Assert.Contains(PolicyFolder.Display("rag.json"), error, StringComparison.Ordinal);
        Assert.Contains("'breaker.token.window' is \"5s\"", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnknownBreakerProperty_Refused()
    {
        _folder.Write("rag.json", """
            {
              "team": "rag", "models": ["gpt-4.1"], "endpoints": ["chat"], "upstreamKey": "creds/rag",
              "breaker": { "token": { "maxUsd": 5, "windw": "5m" } }
            }
            """);

        var ex = Assert.Throws<PolicyValidationException>(() => PolicyLoader.Load(_folder.PoliciesPath, 1, Now));

        Assert.Contains(ex.Errors, e => e.Contains("windw", StringComparison.Ordinal));
    }

    [Fact]
    public void TryParseWindow_Bounds()
    {
        Assert.True(SpendPolicyCompiler.TryParseWindow("10s", out var min));
        Assert.Equal(SpendPolicyCompiler.MinWindowSeconds, min);
        Assert.True(SpendPolicyCompiler.TryParseWindow("24h", out var max));
        Assert.Equal(SpendPolicyCompiler.MaxWindowSeconds, max);
        Assert.False(SpendPolicyCompiler.TryParseWindow("9s", out var none));
        Assert.Equal(0, none);
    }
}

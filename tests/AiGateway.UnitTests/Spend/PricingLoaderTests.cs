using AiGateway.Policies;
using AiGateway.Spend;
using AiGateway.Spend.Pricing;
using AiGateway.UnitTests.Policies;

namespace AiGateway.UnitTests.Spend;

public sealed class PricingLoaderTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly PolicyFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private PriceTable Load(string json, out List<string> errors)
    {
        _folder.WritePricing(json);
        errors = [];
        return PricingLoader.Load(_folder.PoliciesPath, errors);
    }

    private string SingleError(string json)
    {
        var table = Load(json, out var errors);
        Assert.Same(PriceTable.Empty, table);
        var error = Assert.Single(errors);
        Assert.StartsWith(Path.Combine("policies", "pricing.json") + ":", error, StringComparison.Ordinal);
        return error;
    }

    private static string Models(string models, string extra = "") => $$"""{ "currency": "USD", "models": { {{models}} }{{extra}} }""";

    [Fact]
    public void Load_ShippedPricingFile_HasTheFourProviderPricesExactly()
    {
        var errors = new List<string>();

        var table = PricingLoader.Load(Path.Combine(SpendTestData.RepositoryRoot(), "policies"), errors);

        Assert.Empty(errors);
        Assert.Null(table.Default);
        var expected = new Dictionary<string, long>
        {
            ["deepseek-v3.2"] = 420_000,
            ["gemini-2.5-flash"] = 2_500_000,
            ["gpt-4.1"] = 8_000_000,
            ["claude-sonnet-4.5"] = 15_000_000,
        };
        foreach (var (model, micros) in expected)
        {
            Assert.True(table.TryGet(model, out var price), model);
            Assert.Equal(new ModelPrice(micros, micros), price);
        }
        Assert.False(table.TryGet("gpt-5-unlisted", out _));
        Assert.Contains(table.Entries, e => e.Key == "deepseek-v3.2" && e.Value == new ModelPrice(420_000, 420_000));
    }

    [Fact]
    public void Load_ShippedPolicyFolder_LoadsWithItsPrices()
    {
        var snapshot = PolicyLoader.Load(Path.Combine(SpendTestData.RepositoryRoot(), "policies"), 1, Now);

        Assert.NotEmpty(snapshot.Teams);
        Assert.True(snapshot.Prices.TryGet("gpt-4.1", out var price));
        Assert.Equal(8_000_000, price.InputMicrosPerMillion);
        var rag = snapshot.Find("rag");
        Assert.NotNull(rag);
        Assert.Equal(new SpendPolicy(500_000_000, 100_000_000, 80, new VelocityLimit(25_000_000, 300), new VelocityLimit(5_000_000, 300)), rag.Spend);
    }

    [Fact]
    public void Load_MissingFile_ErrorSaysNotFound()
    {
        _folder.DeletePricing();
        var errors = new List<string>();

        var table = PricingLoader.Load(_folder.PoliciesPath, errors);

        Assert.Same(PriceTable.Empty, table);
        var error = Assert.Single(errors);
        Assert.Contains(Path.Combine("policies", "pricing.json") + ": not found", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_BadJson_ErrorNamesTheFile()
    {
        var error = SingleError("""{ "models": { "gpt-4.1": { "inputPerMillion": 8.00, """);

        Assert.Contains("is not valid", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NotAnObject_Refused()
    {
        var error = SingleError("null");

        Assert.Contains("JSON object", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnknownProperty_ErrorNamesIt()
    {
        var error = SingleError(Models("""  "gpt-4.1": { "inputPerMillion": 8.00, "outputPerMilion": 8.00 } """));

        Assert.Contains("outputPerMilion", error, StringComparison.Ordinal);
        Assert.Contains("is not valid", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnknownTopLevelProperty_ErrorNamesIt()
    {
        var error = SingleError("""{ "currency": "USD", "model": { "gpt-4.1": { "inputPerMillion": 8, "outputPerMillion": 8 } } }""");

        Assert.Contains("'model'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_SevenDecimals_ErrorNamesTheField()
    {
        var error = SingleError(Models("""  "deepseek-v3.2": { "inputPerMillion": 0.4200001, "outputPerMillion": 0.42 } """));

        Assert.Contains("'models.deepseek-v3.2.inputPerMillion' is 0.4200001", error, StringComparison.Ordinal);
        Assert.Contains("at most 6 decimals", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_Negative_ErrorNamesTheField()
    {
        var error = SingleError(Models("""  "gpt-4.1": { "inputPerMillion": 8, "outputPerMillion": -8 } """));

        Assert.Contains("'models.gpt-4.1.outputPerMillion' is -8", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingSide_ErrorSaysRequired()
    {
        var error = SingleError(Models("""  "gpt-4.1": { "inputPerMillion": 8 } """));

        Assert.Contains("'models.gpt-4.1.outputPerMillion' is required", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NullEntry_ErrorNamesTheModel()
    {
        var error = SingleError(Models("""  "gpt-4.1": null """));

        Assert.Contains("'models.gpt-4.1' must be an object", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NoModels_Refused()
    {
        var error = SingleError("""{ "currency": "USD", "models": {} }""");

        Assert.Contains("'models' must price at least one model", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_EveryErrorIsReported()
    {
        var table = Load("""
            {
              "currency": "EUR",
              "models": { "a": { "inputPerMillion": -1, "outputPerMillion": 0.0000001 } },
              "unpriced": "free"
            }
            """, out var errors);

        Assert.Same(PriceTable.Empty, table);
        Assert.Equal(4, errors.Count);
        Assert.Contains(errors, e => e.Contains("'currency' is \"EUR\"", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("'models.a.inputPerMillion'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("'models.a.outputPerMillion'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("'unpriced' is \"free\"", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_CurrencyEur_Refused()
    {
        var error = SingleError(Models("""  "gpt-4.1": { "inputPerMillion": 8, "outputPerMillion": 8 } """).Replace("USD", "EUR", StringComparison.Ordinal));

        Assert.Contains("'currency' is \"EUR\"; only \"USD\" is supported", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnpricedDefaultWithoutADefault_Refused()
    {
        var error = SingleError(Models("""  "gpt-4.1": { "inputPerMillion": 8, "outputPerMillion": 8 } """, """, "unpriced": "default" """));

        Assert.Contains("'unpriced' is \"default\" but 'default' names no price", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnknownUnpricedValue_Refused()
    {
        var error = SingleError(Models("""  "gpt-4.1": { "inputPerMillion": 8, "outputPerMillion": 8 } """, """, "unpriced": "free" """));

        Assert.Contains("'unpriced' is \"free\"", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_DefaultPriceWhileRefusing_Refused()
    {
        var error = SingleError(Models("""  "gpt-4.1": { "inputPerMillion": 8, "outputPerMillion": 8 } """,
            """, "default": { "inputPerMillion": 1, "outputPerMillion": 1 } """));

        Assert.Contains("'default' is set but 'unpriced' is \"refuse\"", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_InvalidDefaultPrice_ErrorNamesTheDefaultField()
    {
        var error = SingleError(Models("""  "gpt-4.1": { "inputPerMillion": 8, "outputPerMillion": 8 } """,
            """, "unpriced": "default", "default": { "inputPerMillion": 1.1234567, "outputPerMillion": 1 } """));

        Assert.Contains("'default.inputPerMillion' is 1.1234567", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_CommentsTrailingCommasAndDoc_Accepted()
    {
        var table = Load("""
            {
              "$schema": "./schema/pricing.json",
              "_doc": "prices",
              // per 1M tokens
              "models": { "gpt-4.1": { "inputPerMillion": 8.00, "outputPerMillion": 8.00, }, },
            }
            """, out var errors);

        Assert.Empty(errors);
        Assert.True(table.TryGet("gpt-4.1", out var price));
        Assert.Equal(new ModelPrice(8_000_000, 8_000_000), price);
    }

    [Fact]
    public void TryGet_ExactBeforeGlobs_GlobsInFileOrder_UnknownRefused()
    {
        var table = Load(Models("""
              "gemini-*": { "inputPerMillion": 2.50, "outputPerMillion": 3.00 },
              "claude-*": { "inputPerMillion": 15, "outputPerMillion": 15 },
              "claude-haiku-*": { "inputPerMillion": 1, "outputPerMillion": 1 },
              "gpt-*": { "inputPerMillion": 1, "outputPerMillion": 1 },
              "gpt-4.1": { "inputPerMillion": 8, "outputPerMillion": 9 }
            """), out var errors);

        Assert.Empty(errors);
        Assert.True(table.TryGet("gemini-2.5-pro", out var gemini));
        Assert.Equal(new ModelPrice(2_500_000, 3_000_000), gemini);
        Assert.True(table.TryGet("gpt-4.1", out var exact));
        Assert.Equal(new ModelPrice(8_000_000, 9_000_000), exact); // listed after the glob, still wins
        Assert.True(table.TryGet("gpt-4o", out var glob));
        Assert.Equal(new ModelPrice(1_000_000, 1_000_000), glob);
        Assert.True(table.TryGet("claude-haiku-4", out var first));
        Assert.Equal(new ModelPrice(15_000_000, 15_000_000), first); // the first glob that matches
        Assert.False(table.TryGet("GPT-4.1", out _)); // case-sensitive, as providers are
        Assert.False(table.TryGet("deepseek-v3.2", out var none));
        Assert.Equal(default, none);
        Assert.Null(table.Default);
    }

    [Fact]
    public void TryGet_UnpricedDefault_ChargesTheDefaultOnlyForUnknownModels()
    {
        var table = Load(Models("""  "gpt-4.1": { "inputPerMillion": 8, "outputPerMillion": 8 } """,
            """, "unpriced": "default", "default": { "inputPerMillion": 1.25, "outputPerMillion": 2.5 } """), out var errors);

        Assert.Empty(errors);
        Assert.Equal(new ModelPrice(1_250_000, 2_500_000), table.Default);
        Assert.True(table.TryGet("gpt-4.1", out var listed));
        Assert.Equal(new ModelPrice(8_000_000, 8_000_000), listed);
        Assert.True(table.TryGet("some-new-model", out var fallback));
        Assert.Equal(new ModelPrice(1_250_000, 2_500_000), fallback);
    }

    [Fact]
    public void TryGet_UnpricedRefuseExplicitly_UnknownModelIsNotPriced()
    {
        var table = Load(Models("""  "gpt-4.1": { "inputPerMillion": 8, "outputPerMillion": 8 } """, """, "unpriced": "refuse" """), out var errors);

        Assert.Empty(errors);
        Assert.False(table.TryGet("some-new-model", out _));
    }

    [Fact]
    public void Empty_PricesNothing()
    {
        Assert.False(PriceTable.Empty.TryGet("gpt-4.1", out _));
        Assert.Empty(PriceTable.Empty.Entries);
    }

    [Fact]
    public void PolicyLoader_TeamAllowsAnExactModelWithoutAPrice_RefusedNamingTheFileAndModel()
    {
        _folder.WritePricing(Models("""  "gpt-4.1": { "inputPerMillion": 8, "outputPerMillion": 8 } """));
        _folder.Write("rag.json", PolicyFolder.Team("rag", models: "[\"gpt-4.1\", \"claude-sonnet-4.5\", \"deepseek-*\"]"));

        var ex = Assert.Throws<PolicyValidationException>(() => PolicyLoader.Load(_folder.PoliciesPath, 1, Now));

        var error = Assert.Single(ex.Errors);
        Assert.Contains(PolicyFolder.Display("rag.json"), error, StringComparison.Ordinal);
        Assert.Contains("\"claude-sonnet-4.5\"", error, StringComparison.Ordinal);
        Assert.Contains("pricing.json", error, StringComparison.Ordinal);
    }

    [Fact]
    public void PolicyLoader_UnpricedDefault_AnyExactModelLoads()
    {
        _folder.WritePricing(Models("""  "gpt-4.1": { "inputPerMillion": 8, "outputPerMillion": 8 } """,
            """, "unpriced": "default", "default": { "inputPerMillion": 1, "outputPerMillion": 1 } """));
        _folder.Write("rag.json", PolicyFolder.Team("rag", models: "[\"gpt-4.1\", \"claude-sonnet-4.5\"]"));

        var snapshot = PolicyLoader.Load(_folder.PoliciesPath, 1, Now);

        Assert.True(snapshot.Prices.TryGet("claude-sonnet-4.5", out var price));
        Assert.Equal(new ModelPrice(1_000_000, 1_000_000), price);
    }

    [Fact]
    public void PolicyLoader_BadPricingFile_RefusesTheWholeLoad()
    {
        _folder.WritePricing(Models("""  "gpt-4.1": { "inputPerMillion": 8, "outputPerMillion": 8 } """).Replace("USD", "EUR", StringComparison.Ordinal));
        _folder.Write("rag.json", PolicyFolder.Team("rag"));

        var ex = Assert.Throws<PolicyValidationException>(() => PolicyLoader.Load(_folder.PoliciesPath, 1, Now));

        Assert.Contains(ex.Errors, e => e.Contains("'currency'", StringComparison.Ordinal));
    }

    [Fact]
    public void PolicyLoader_MissingPricingFile_Refused()
    {
        _folder.DeletePricing();
        _folder.Write("rag.json", PolicyFolder.Team("rag"));

        var ex = Assert.Throws<PolicyValidationException>(() => PolicyLoader.Load(_folder.PoliciesPath, 1, Now));

        Assert.Contains(ex.Errors, e => e.Contains("pricing.json: not found", StringComparison.Ordinal));
    }
}

using AiGateway.Limits.Estimation;
using Microsoft.Extensions.Options;

namespace AiGateway.UnitTests.Limits.Estimation;

public class PromptEstimatorSelectorTests
{
    private static PromptEstimatorSelector Selector(PromptEstimatorKind kind, params string[] exact) =>
        new(Options.Create(new PromptEstimatorOptions { Default = kind, Exact = exact }));

    [Fact]
    public void Options_Defaults_FastWithNoExactModels()
    {
        var options = new PromptEstimatorOptions();

        Assert.Equal(PromptEstimatorKind.Fast, options.Default);
        Assert.Empty(options.Exact);
        Assert.Equal("Limits:Estimator", PromptEstimatorOptions.SectionName);
    }

    [Theory]
    [InlineData("gpt-4.1", true)]
    [InlineData("gpt-4o-mini", true)]
    [InlineData("text-embedding-3-small", true)]
    [InlineData("deepseek-v3.2", false)]
    [InlineData("gemini-2.5-flash", false)]
    [InlineData("GPT-4.1", false)]
    public void Select_FastDefaultWithExactGlobs_ExactOnlyForMatchingModels(string model, bool exact)
    {
        var selector = Selector(PromptEstimatorKind.Fast, "gpt-*", "text-embedding-*");

        var estimator = selector.Select(model);

        Assert.Equal(exact, estimator is ExactPromptEstimator);
    }

    [Theory]
    [InlineData("gpt-4.1", false)]
    [InlineData("gpt-3.5-turbo", true)]
    [InlineData("claude-sonnet-4.5", false)]
    public void Select_ExactDefault_ExactForEveryModelWithItsEncoding(string model, bool cl100k)
    {
        var estimator = Assert.IsType<ExactPromptEstimator>(Selector(PromptEstimatorKind.Exact).Select(model));

        Assert.Equal(cl100k ? TiktokenEncoding.Cl100kBase : TiktokenEncoding.O200kBase, estimator.Encoding);
    }

    [Fact]
    public void Select_NoExactConfigured_AlwaysTheSharedFastEstimator()
    {
        var selector = Selector(PromptEstimatorKind.Fast);

        Assert.Same(FastPromptEstimator.Instance, selector.Select("gpt-4.1"));
        Assert.Same(FastPromptEstimator.Instance, selector.Select(""));
    }

    [Fact]
    public void Select_NullExactList_TreatedAsEmpty()
    {
        var selector = new PromptEstimatorSelector(Options.Create(new PromptEstimatorOptions { Exact = null! }));

        Assert.Same(FastPromptEstimator.Instance, selector.Select("gpt-4.1"));
    }

    [Fact]
    public void WarmUp_ExactConfigured_LoadsTokenizersAndCanRepeat()
    {
        var selector = Selector(PromptEstimatorKind.Fast, "gpt-*");

        selector.WarmUp();
        selector.WarmUp();

        Assert.NotNull(SharedTokenizers.Get(TiktokenEncoding.Cl100kBase));
    }
}

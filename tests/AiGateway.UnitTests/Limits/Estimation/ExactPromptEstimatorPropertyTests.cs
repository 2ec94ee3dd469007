using System.Text;
using AiGateway.Limits.Estimation;
using FsCheck.Xunit;

namespace AiGateway.UnitTests.Limits.Estimation;

[Properties(Arbitrary = [typeof(EstimationGenerators)], MaxTest = 300)]
public class ExactPromptEstimatorPropertyTests
{
    [Property]
    public void EstimatePromptTokens_AnyChatBody_EqualsCookbookCount(ChatBodyCase c)
    {
        var body = Encoding.UTF8.GetBytes(c.Json);

        Assert.Equal(CookbookReference.Chat(c.Json, CookbookReference.O200k), ExactPromptEstimator.O200kBase.EstimatePromptTokens(body, PromptShape.Chat));
        Assert.Equal(CookbookReference.Chat(c.Json, CookbookReference.Cl100k), ExactPromptEstimator.Cl100kBase.EstimatePromptTokens(body, PromptShape.Chat));
    }

    [Property]
    public void Count_AnyTextCutAtSafeBoundaries_EqualsUncutCount(ChunkedTextCase c)
    {
        // No hard cuts: every cut is at a boundary both pre-tokenizers must respect, so the counts are identical.
        Assert.Equal(CookbookReference.Tokens(CookbookReference.O200k, c.Text), ChunkedTokenCounter.Count(CookbookReference.O200k, c.Text, c.Window, int.MaxValue));
        Assert.Equal(CookbookReference.Tokens(CookbookReference.Cl100k, c.Text), ChunkedTokenCounter.Count(CookbookReference.Cl100k, c.Text, c.Window, int.MaxValue));
    }
}

using System.Text;
using AiGateway.Limits.Estimation;

namespace AiGateway.UnitTests.Limits.Estimation;

public class ReservationCalculatorTests
{
    [Theory]
    [InlineData("""{"messages":[{"role":"user","content":"hi"}]}""", 1)]
    [InlineData("""{"n":4,"messages":[{"role":"user","content":"hi"}]}""", 4)]
    [InlineData("""{"messages":[{"role":"user","content":"hi"}],"n":0}""", 1)]
    [InlineData("""{"messages":[{"role":"user","content":"hi"}],"n":null}""", 1)]
    public void Calculate_Chat_PromptPlusNTimesMaxTokens(string body, int n)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var prompt = ExactPromptEstimator.O200kBase.EstimatePromptTokens(bytes, PromptShape.Chat);

        var reservation = ReservationCalculator.Calculate(ExactPromptEstimator.O200kBase, bytes, PromptShape.Chat, maxTokens: 100);

        Assert.Equal(prompt + (n * 100L), reservation);
    }

    [Theory]
    [InlineData("""{"prompt":"a","n":2}""", 2)]
    [InlineData("""{"prompt":["a","b","c"],"n":2}""", 6)]
    [InlineData("""{"prompt":[1,2,3],"n":2}""", 2)]
    [InlineData("""{"prompt":[[1,2],[3]],"best_of":5,"n":2}""", 10)]
    public void Calculate_Completions_ChoicesArePromptsTimesMaxOfNAndBestOf(string body, int choices)
    {
        var estimate = FastPromptEstimator.Instance.Estimate(Encoding.UTF8.GetBytes(body), PromptShape.Completions);

        Assert.Equal(choices, estimate.Choices);
        Assert.Equal(estimate.PromptTokens + (choices * 16L), ReservationCalculator.Calculate(estimate, PromptShape.Completions, 16));
    }

    [Fact]
    public void Calculate_Embeddings_ChargesOnlyTheInput()
    {
        var bytes = Encoding.UTF8.GetBytes("""{"input":["some text","more text"],"n":5}""");
        var prompt = FastPromptEstimator.Instance.EstimatePromptTokens(bytes, PromptShape.Embeddings);

        Assert.Equal(prompt, ReservationCalculator.Calculate(FastPromptEstimator.Instance, bytes, PromptShape.Embeddings, maxTokens: 4096));
    }

    [Fact]
    public void Calculate_ExtremeValues_DoesNotOverflow()
    {
        var reservation = ReservationCalculator.Calculate(new PromptEstimate(int.MaxValue, int.MaxValue), PromptShape.Chat, int.MaxValue);

        Assert.Equal(int.MaxValue + ((long)int.MaxValue * int.MaxValue), reservation);
    }

    [Fact]
    public void Calculate_HugeNAndBestOfInBody_SaturatesChoicesWithoutOverflow()
    {
        var estimate = FastPromptEstimator.Instance.Estimate(
            Encoding.UTF8.GetBytes("""{"prompt":["a","b","c"],"n":9000000000000,"best_of":1}"""), PromptShape.Completions);

        Assert.Equal(int.MaxValue, estimate.Choices);
        Assert.True(ReservationCalculator.Calculate(estimate, PromptShape.Completions, int.MaxValue) > 0);
    }

    [Fact]
    public void Calculate_ZeroChoices_StillReservesOneCompletion()
    {
        Assert.Equal(10 + 7, ReservationCalculator.Calculate(new PromptEstimate(10, 0), PromptShape.Chat, 7));
    }

    [Fact]
    public void Calculate_NegativeMaxTokens_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ReservationCalculator.Calculate(new PromptEstimate(1, 1), PromptShape.Chat, -1));
    }
}

using System.Text;
using AiGateway.Limits.Estimation;
using FsCheck.Xunit;

namespace AiGateway.UnitTests.Limits.Estimation;

public class EstimatorRobustnessTests
{
    [Property(MaxTest = 300)]
    public void Estimate_AnyBytes_NeverThrows(byte[]? bytes)
    {
        foreach (var shape in Enum.GetValues<PromptShape>())
        {
            Assert.True(FastPromptEstimator.Instance.Estimate(bytes, shape).PromptTokens >= 0);
            Assert.True(ExactPromptEstimator.O200kBase.Estimate(bytes, shape).PromptTokens >= 0);
        }
    }

    [Property(MaxTest = 300)]
    public void Estimate_AnyTruncationOfAValidBody_NeverThrows(int cut)
    {
        var body = Encoding.UTF8.GetBytes(CookbookExamples.WeatherTool);
        var prefix = body.AsSpan(0, Math.Abs(cut % (body.Length + 1)));

        Assert.True(FastPromptEstimator.Instance.EstimatePromptTokens(prefix, PromptShape.Chat) >= 0);
        Assert.True(ExactPromptEstimator.O200kBase.EstimatePromptTokens(prefix, PromptShape.Chat) >= 0);
    }

    [Fact]
    public void Estimate_ParallelCallsOnSharedInstances_SameResultsAsSequential()
    {
        var corpus = PromptCorpus.Mix(120, seed: 77);
        var sequential = corpus.Select(b => (Exact(b), Fast(b))).ToArray();
        var parallel = new (int, int)[corpus.Count];

        Parallel.For(0, corpus.Count * 4, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var index = i % corpus.Count;
            parallel[index] = (Exact(corpus[index]), Fast(corpus[index]));
        });

        Assert.Equal(sequential, parallel);
        Assert.Equal(corpus.Select(b => b.Expected), sequential.Select(s => s.Item1));
    }

    private static int Exact(CorpusBody body) => ExactPromptEstimator.O200kBase.EstimatePromptTokens(body.Body, body.Shape);

    private static int Fast(CorpusBody body) => FastPromptEstimator.Instance.EstimatePromptTokens(body.Body, body.Shape);
}

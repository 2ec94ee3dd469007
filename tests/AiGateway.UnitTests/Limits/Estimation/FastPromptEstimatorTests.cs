using System.Globalization;
using System.Text;
using AiGateway.Limits.Estimation;
using Xunit.Abstractions;

namespace AiGateway.UnitTests.Limits.Estimation;

public class FastPromptEstimatorTests(ITestOutputHelper output)
{
    private static int Fast(string body, PromptShape shape = PromptShape.Chat) =>
        FastPromptEstimator.Instance.EstimatePromptTokens(Encoding.UTF8.GetBytes(body), shape);

    [Fact]
    public void EstimatePromptTokens_EmptyContents_CountsOnlyCookbookOverheads()
    {
        // 3 priming + per message 3 + role (1 token); the name adds its tokens plus 1.
        const string body = """{"messages":[{"role":"system","content":""},{"role":"user","content":""}]}""";

        Assert.Equal(3 + (2 * (3 + 1)), Fast(body));
        Assert.Equal(CookbookReference.Chat(body, CookbookReference.O200k), Fast(body));
    }

    [Fact]
    public void EstimatePromptTokens_Name_AddsOneMoreThanItsText()
    {
        const string without = """{"messages":[{"role":"user","content":"hi"}]}""";
        const string with = """{"messages":[{"role":"user","content":"hi","name":"bob"}]}""";

        Assert.Equal(Fast(without) + 1 + 1, Fast(with));
    }

    [Fact]
    public void EstimatePromptTokens_EmbeddingTokenIds_CountedExactly()
    {
        const string body = """{"input":[[1,2,3],[4,5],[6]]}""";

        Assert.Equal(6, Fast(body, PromptShape.Embeddings));
    }

    [Fact]
    public void EstimatePromptTokens_EscapedAndRawNonAscii_SameEstimate()
    {
        const string raw = """{"messages":[{"role":"user","content":"東京で会いましょう 🚀"}]}""";
        const string escaped = """{"messages":[{"role":"user","content":"\u6771\u4eac\u3067\u4f1a\u3044\u307e\u3057\u3087\u3046 \ud83d\ude80"}]}""";

        Assert.Equal(Fast(raw), Fast(escaped));
    }

    [Fact]
    public void EstimatePromptTokens_ImagePart_CountsOnlyTextParts()
    {
        const string text = """{"messages":[{"role":"user","content":[{"type":"text","text":"What is this?"}]}]}""";
        const string withImage = """{"messages":[{"role":"user","content":[{"type":"text","text":"What is this?"},{"type":"image_url","image_url":{"url":"https://example.com/a-very-long-url.png"}}]}]}""";

        Assert.Equal(Fast(text), Fast(withImage));
    }

    [Fact]
    public void EstimatePromptTokens_CookbookToolExample_OverReservesByAtMostAFewTokens()
    {
        var exact = ExactPromptEstimator.O200kBase.EstimatePromptTokens(Encoding.UTF8.GetBytes(CookbookExamples.WeatherTool), PromptShape.Chat);
        var fast = Fast(CookbookExamples.WeatherTool);

        Assert.InRange(fast, exact, exact + 30);
    }

    /// <summary>
    /// Error of the fast estimate against the exact o200k count over 200 generated texts per kind (20–6,000 chars),
    /// each sent as a one-message chat. Measured (seed 42), mean signed / p95 absolute / worst under: prose
    /// +13 % / 19 % / 0 %; code +7 % / 15 % / −6 %; API-style JSON −3 % / 3 % / −4 %; CJK +3 % / 7 % / −7 %;
    /// emoji +16 % / 19 % / +5 %. The bounds below are loose on purpose: they catch a broken heuristic (a weight off
    /// by 2×), not noise.
    /// </summary>
    [Theory]
    [InlineData(TextKind.Prose, -0.50, -0.10, 0.30)]
    [InlineData(TextKind.Code, -0.50, -0.10, 0.50)]
    [InlineData(TextKind.Json, -0.50, -0.15, 0.40)]
    [InlineData(TextKind.Cjk, -0.50, -0.15, 0.40)]
    [InlineData(TextKind.Emoji, -0.50, -0.25, 0.40)]
    public void EstimatePromptTokens_GeneratedCorpus_ErrorWithinLooseBounds(TextKind kind, double worstUnder, double minMean, double maxMean)
    {
        var text = new PromptText(42);
        var errors = new List<double>();
        for (var i = 0; i < 200; i++)
        {
            var content = text.Next(kind, text.Random.Next(20, 6000));
            var body = Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(new { messages = new[] { new { role = "user", content } } }));
            var exact = ExactPromptEstimator.O200kBase.EstimatePromptTokens(body, PromptShape.Chat);
            var fast = FastPromptEstimator.Instance.EstimatePromptTokens(body, PromptShape.Chat);
            errors.Add((fast - exact) / (double)exact);
        }

        var stats = ErrorStats.Of(errors);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{kind}: {stats}"));

        Assert.True(stats.Min >= worstUnder, $"{kind} under-estimated by {stats.Min:P0}");
        Assert.InRange(stats.MeanSigned, minMean, maxMean);
    }
}

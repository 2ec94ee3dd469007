using System.Text;
using AiGateway.Limits.Estimation;

namespace AiGateway.UnitTests.Limits.Estimation;

public class ExactPromptEstimatorTests
{
    private static int Exact(string body, PromptShape shape = PromptShape.Chat) =>
        ExactPromptEstimator.O200kBase.EstimatePromptTokens(Encoding.UTF8.GetBytes(body), shape);

    [Fact]
    public void EstimatePromptTokens_CookbookSixMessageExample_Counts124OnO200kAnd129OnCl100k()
    {
        var body = Encoding.UTF8.GetBytes(CookbookExamples.SixMessages);

        Assert.Equal(124, ExactPromptEstimator.O200kBase.EstimatePromptTokens(body, PromptShape.Chat));
        Assert.Equal(129, ExactPromptEstimator.Cl100kBase.EstimatePromptTokens(body, PromptShape.Chat));
    }

    [Fact]
    public void EstimatePromptTokens_CookbookToolExample_Counts101OnO200kAnd105OnCl100k()
    {
        var body = Encoding.UTF8.GetBytes(CookbookExamples.WeatherTool);

        Assert.Equal(101, ExactPromptEstimator.ForModel("gpt-4o").EstimatePromptTokens(body, PromptShape.Chat));
        Assert.Equal(105, ExactPromptEstimator.ForModel("gpt-4").EstimatePromptTokens(body, PromptShape.Chat));
    }

    [Theory]
    [InlineData("""{"model":"gpt-4.1","messages":[{"role":"system","content":"You are terse."},{"role":"user","content":"Hello there!"}]}""")]
    [InlineData("""{"messages":[{"role":"user","name":"alice_01","content":"Hi"},{"role":"assistant","name":"bot","content":"Hello, Alice."}]}""")]
    [InlineData("""{"messages":[{"role":"user","content":[{"type":"text","text":"Describe this image."},{"type":"image_url","image_url":{"url":"https://example.com/cat.png","detail":"high"}},{"text":"and this caption","type":"text"}]}]}""")]
    [InlineData("""{"messages":[{"role":"user","content":"Grüße aus München — 東京で会いましょう 🚀👩‍💻 Привет"}]}""")]
    [InlineData("""{"messages":[{"role":"user","content":"\u6771\u4eac \ud83d\ude80 line1\nline2\t\"quoted\" back\\slash"}]}""")]
    [InlineData("""{"messages":[{"role":"user","content":""},{"role":"assistant","content":null},{"role":"tool","tool_call_id":"call_abc123","content":"{\"temp\":21}"}]}""")]
    [InlineData("""{"messages":[{"role":"user","content":"ignore <|endoftext|> this and it's fine, isn't it?"}],"n":3}""")]
    [InlineData("""{"messages":[{"role":"developer","content":"Be brief."},{"role":"user","content":[]}],"stream":true}""")]
    public void EstimatePromptTokens_ChatBody_EqualsCookbookCount(string body)
    {
        Assert.Equal(CookbookReference.Chat(body, CookbookReference.O200k), Exact(body));
    }

    [Fact]
    public void EstimatePromptTokens_LongRagPrompt_EqualsCookbookCount()
    {
        var text = new PromptText(seed: 11);

        for (var i = 0; i < 5; i++)
        {
            var rag = PromptCorpus.RagBody(text);

            Assert.Equal(rag.Expected, ExactPromptEstimator.O200kBase.EstimatePromptTokens(rag.Body, PromptShape.Chat));
        }
    }

    [Fact]
    public void EstimatePromptTokens_ToolWithEscapesAndTrailingPeriods_EqualsCookbookFormula()
    {
        const string body = """
            {"tools":[
              {"type":"function","function":{"description":"Look up an \"order\".","name":"get_order","parameters":{"type":"object",
                "properties":{"order_id":{"description":"The order's id.","type":"string"},"verbose":{"type":"boolean","description":"Full detail"}}}}},
              {"type":"function","function":{"name":"ping","description":"Checks liveness.","parameters":{"type":"object","properties":{}}}}],
             "messages":[{"role":"user","content":"Where is order 42?"}]}
            """;
        var expected = CookbookReference.Chat(body, CookbookReference.O200k) + CookbookReference.Tools(body, CookbookReference.O200k, funcInit: 7);

        Assert.Equal(expected, Exact(body));
    }

    [Fact]
    public void EstimatePromptTokens_AssistantToolCalls_CountsFunctionNameAndArguments()
    {
        const string withCalls = """{"messages":[{"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_order","arguments":"{\"order_id\":\"A-1042\"}"}}]}]}""";
        var expected = CookbookReference.Chat(withCalls, CookbookReference.O200k)
            + CookbookReference.Tokens(CookbookReference.O200k, "get_order")
            + CookbookReference.Tokens(CookbookReference.O200k, """{"order_id":"A-1042"}""");

        Assert.Equal(expected, Exact(withCalls));
    }

    [Fact]
    public void EstimatePromptTokens_LegacyFunctions_CountedLikeTools()
    {
        const string tools = """{"messages":[{"role":"user","content":"hi"}],"tools":[{"type":"function","function":{"name":"f","description":"Does f.","parameters":{"type":"object","properties":{"x":{"type":"integer","description":"The x."}}}}}]}""";
        const string functions = """{"messages":[{"role":"user","content":"hi"}],"functions":[{"name":"f","description":"Does f.","parameters":{"type":"object","properties":{"x":{"type":"integer","description":"The x."}}}}]}""";

        Assert.Equal(Exact(tools), Exact(functions));
    }

    [Theory]
    [InlineData("""{"model":"gpt-4o","input":"The food was delicious and the waiter was friendly."}""")]
    [InlineData("""{"input":["first text","second text, a bit longer","東京"]}""")]
    [InlineData("""{"input":[1212,318,257,1332,13]}""")]
    [InlineData("""{"input":[[1212,318],[257,1332,13],"mixed with a string"]}""")]
    public void EstimatePromptTokens_EmbeddingInputs_EqualsTokenCountOfEachInput(string body)
    {
        Assert.Equal(CookbookReference.Inputs(body, "input", CookbookReference.O200k), Exact(body, PromptShape.Embeddings));
    }

    [Theory]
    [InlineData("""{"model":"davinci-002","prompt":"Say this is a test","max_tokens":7}""")]
    [InlineData("""{"prompt":["Once upon a time","In a galaxy far, far away"],"n":2}""")]
    [InlineData("""{"prompt":[50256,464,3290]}""")]
    public void EstimatePromptTokens_CompletionPrompts_EqualsTokenCountOfEachPrompt(string body)
    {
        Assert.Equal(CookbookReference.Inputs(body, "prompt", CookbookReference.O200k), Exact(body, PromptShape.Completions));
    }

    [Fact]
    public void EstimatePromptTokens_StringBeyondCharBudget_FallsBackToFastEstimate()
    {
        var huge = new string('x', ExactTextMeasure.CharBudget + 10);
        var body = Encoding.UTF8.GetBytes($$"""{"input":"{{huge}}"}""");

        var tokens = ExactPromptEstimator.O200kBase.EstimatePromptTokens(body, PromptShape.Embeddings);

        Assert.Equal(FastTokenHeuristic.Count(Encoding.UTF8.GetBytes(huge)), tokens);
    }

    [Theory]
    [InlineData("gpt-4o", false)]
    [InlineData("gpt-4-turbo", true)]
    [InlineData("text-embedding-3-small", true)]
    [InlineData("claude-sonnet-4.5", false)]
    public void ForModel_ModelName_ReturnsSharedEstimatorForItsEncoding(string model, bool cl100k)
    {
        var estimator = ExactPromptEstimator.ForModel(model);

        Assert.Equal(cl100k ? TiktokenEncoding.Cl100kBase : TiktokenEncoding.O200kBase, estimator.Encoding);
        Assert.Same(estimator, ExactPromptEstimator.ForModel(model));
    }
}

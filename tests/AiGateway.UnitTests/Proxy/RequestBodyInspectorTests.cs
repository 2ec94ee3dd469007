using System.Text;
using AiGateway.Errors;
using AiGateway.Policies;
using AiGateway.Proxy;

namespace AiGateway.UnitTests.Proxy;

public class RequestBodyInspectorTests
{
    private static RequestInspection Inspect(string json, GatewayEndpoint endpoint = GatewayEndpoint.Chat) =>
        RequestBodyInspector.Inspect(Encoding.UTF8.GetBytes(json), endpoint);

    private static GatewayError AssertRefused(RequestInspection inspection, string code, string? param = null)
    {
        var error = Assert.IsType<GatewayError>(inspection.Error);
        Assert.Equal(400, error.StatusCode);
        Assert.Equal("invalid_request_error", error.Type);
        Assert.Equal(code, error.Code);
        Assert.Equal(param, error.Param);
        Assert.Null(inspection.Model);
        return error;
    }

    [Theory]
    [InlineData("""{"model":"gpt-4.1","messages":[{"role":"user","content":"hi"}]}""", "gpt-4.1", false, null)]
    [InlineData("""{"model":"gpt-4.1","messages":[],"stream":true}""", "gpt-4.1", true, null)]
    [InlineData("""{"model":"gpt-4.1","messages":[],"stream":false}""", "gpt-4.1", false, null)]
    [InlineData("""{"model":"gpt-4.1","messages":[],"stream":null}""", "gpt-4.1", false, null)]
    [InlineData("""{"stream":true,"max_tokens":256,"messages":[],"model":"deepseek-v3.2"}""", "deepseek-v3.2", true, 256)]
    [InlineData("""{"model":"m","messages":[],"max_tokens":1}""", "m", false, 1)]
    [InlineData("""{"model":"m","messages":[],"max_tokens":2147483647}""", "m", false, int.MaxValue)]
    [InlineData("""{"model":"m","messages":[],"max_completion_tokens":99}""", "m", false, 99)]
    [InlineData("""{"model":"m","messages":[],"max_tokens":null}""", "m", false, null)]
    [InlineData("""{"model":"m","messages":[],"max_tokens":100,"max_completion_tokens":50}""", "m", false, 50)]
    [InlineData("""{"model":"m","messages":[],"max_completion_tokens":50,"max_tokens":100}""", "m", false, 50)]
    [InlineData("""{"model":"m","messages":[],"max_tokens":10,"max_completion_tokens":500}""", "m", false, 10)]
    [InlineData("""{"model":"m","messages":[],"max_tokens":null,"max_completion_tokens":7}""", "m", false, 7)]
    [InlineData("""  {"model":"m","messages":[]}  """, "m", false, null)]
    [InlineData("{\"model\":\"m\",\r\n\t\"messages\":[]}\n", "m", false, null)]
    [InlineData("""{"mod\u0065l":"escaped-key","messages":[]}""", "escaped-key", false, null)]
    [InlineData("""{"model":"caf\u00e9","messages":[]}""", "café", false, null)]
    [InlineData("""{"model":"m","messages":[],"temperature":0.2,"tools":[{"type":"function","function":{"name":"f","parameters":{"type":"object"}}}],"n":1,"user":"u","metadata":{"model":"other"}}""", "m", false, null)]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":[{"type":"text","text":"{\"model\":\"x\"}"}]}]}""", "m", false, null)]
    public void Inspect_ValidChatBody_ReturnsFields(string json, string model, bool stream, int? maxTokens)
    {
        var inspection = Inspect(json);

        Assert.Null(inspection.Error);
        Assert.Equal(model, inspection.Model);
        Assert.Equal(stream, inspection.Stream);
        Assert.Equal(maxTokens, inspection.MaxTokens);
    }

    [Theory]
    [InlineData("""{"model":"gpt-3.5-turbo-instruct","prompt":"Say hi"}""")]
    [InlineData("""{"model":"gpt-3.5-turbo-instruct","prompt":["a","b"]}""")]
    [InlineData("""{"model":"gpt-3.5-turbo-instruct","prompt":[[1,2,3]]}""")]
    public void Inspect_CompletionsWithPrompt_Accepted(string json)
    {
        var inspection = Inspect(json, GatewayEndpoint.Completions);

        Assert.Null(inspection.Error);
        Assert.Equal("gpt-3.5-turbo-instruct", inspection.Model);
    }

    [Theory]
    [InlineData("""{"model":"text-embedding-3-small","input":"hello"}""")]
    [InlineData("""{"model":"text-embedding-3-small","input":["a","b"]}""")]
    public void Inspect_EmbeddingsWithInput_Accepted(string json)
    {
        var inspection = Inspect(json, GatewayEndpoint.Embeddings);

        Assert.Null(inspection.Error);
        Assert.Equal("text-embedding-3-small", inspection.Model);
    }

    [Theory]
    [InlineData("{")]
    [InlineData("""{"model":"m","messages":[}""")]
    [InlineData("""{"model":"m" "messages":[]}""")]
    [InlineData("""{"model":"m","messages":[],}""")]
    [InlineData("""{'model':'m'}""")]
    [InlineData("""{model:"m"}""")]
    [InlineData("""{"model":"m","messages":[] /* comment */}""")]
    [InlineData("""{"model":"m","messages":[],"x":NaN}""")]
    [InlineData("""{"model":"m","messages":[],"x":01}""")]
    [InlineData("{\"model\":\"m\u0001\",\"messages\":[]}")] // a raw U+0001 inside a string
    [InlineData("{\"model\":\"m\ttab\",\"messages\":[]}")] // a raw control character inside a string
    public void Inspect_MalformedJson_InvalidJson(string json)
    {
        var error = AssertRefused(Inspect(json), "invalid_json");

        Assert.StartsWith("We could not parse the JSON body", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"model":"m","messages":[]} x""")]
    [InlineData("""{"model":"m","messages":[]}{}""")]
    [InlineData("""{"model":"m","messages":[]}]""")]
    [InlineData("""{"model":"m","messages":[]}}""")]
    [InlineData("""{"model":"m","messages":[]},""")]
    [InlineData("""{"model":"m","messages":[]} 1""")]
    public void Inspect_TrailingGarbageAfterObject_InvalidJson(string json)
    {
        AssertRefused(Inspect(json), "invalid_json");
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("\n\t ")]
    public void Inspect_EmptyBody_InvalidJson(string json)
    {
        AssertRefused(Inspect(json), "invalid_json");
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("""[{"model":"m","messages":[]}]""")]
    [InlineData("\"model\"")]
    [InlineData("42")]
    [InlineData("true")]
    [InlineData("null")]
    public void Inspect_BodyNotAnObject_InvalidJson(string json)
    {
        var error = AssertRefused(Inspect(json), "invalid_json");

        Assert.Contains("JSON object", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"model":42,"messages":[]}""", "a number")]
    [InlineData("""{"model":{"name":"m"},"messages":[]}""", "an object")]
    [InlineData("""{"model":null,"messages":[]}""", "null")]
    [InlineData("""{"model":["m"],"messages":[]}""", "an array")]
    [InlineData("""{"model":true,"messages":[]}""", "a boolean")]
    public void Inspect_ModelWrongType_InvalidTypeOnModel(string json, string got)
    {
        var error = AssertRefused(Inspect(json), "invalid_type", "model");

        Assert.Contains(got, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"model":"","messages":[]}""")]
    [InlineData("""{"model":"   ","messages":[]}""")]
    public void Inspect_ModelEmpty_InvalidTypeOnModel(string json)
    {
        AssertRefused(Inspect(json), "invalid_type", "model");
    }

    [Theory]
    [InlineData("""{"model":"gpt-4.1-mini","model":"gpt-4.1","messages":[]}""")]
    [InlineData("""{"model":"a","messages":[],"model":"a"}""")]
    [InlineData("""{"model":"a","messages":[],"mod\u0065l":"b"}""")]
    public void Inspect_DuplicateModelKey_RefusedOnModel(string json)
    {
        AssertRefused(Inspect(json), "invalid_type", "model");
    }

    [Fact]
    public void Inspect_DuplicateStreamKey_RefusedOnStream()
    {
        AssertRefused(Inspect("""{"model":"m","messages":[],"stream":false,"stream":true}"""), "invalid_type", "stream");
    }

    [Theory]
    [InlineData("""{"model":"m","messages":[],"stream":"true"}""")]
    [InlineData("""{"model":"m","messages":[],"stream":1}""")]
    [InlineData("""{"model":"m","messages":[],"stream":{}}""")]
    [InlineData("""{"model":"m","messages":[],"stream":[true]}""")]
    public void Inspect_StreamWrongType_InvalidTypeOnStream(string json)
    {
        AssertRefused(Inspect(json), "invalid_type", "stream");
    }

    [Theory]
    [InlineData("0", "max_tokens")]
    [InlineData("-1", "max_tokens")]
    [InlineData("-2147483648", "max_tokens")]
    [InlineData("1.5", "max_tokens")]
    [InlineData("1.0", "max_tokens")]
    [InlineData("1e3", "max_tokens")]
    [InlineData("\"100\"", "max_tokens")]
    [InlineData("true", "max_tokens")]
    [InlineData("[100]", "max_tokens")]
    [InlineData("2147483648", "max_tokens")]
    [InlineData("99999999999999999999999", "max_tokens")]
    public void Inspect_MaxTokensInvalid_RefusedOnMaxTokens(string value, string param)
    {
        AssertRefused(Inspect($$"""{"model":"m","messages":[],"max_tokens":{{value}}}"""), "invalid_type", param);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("2.5")]
    [InlineData("\"8\"")]
    [InlineData("4294967296")]
    public void Inspect_MaxCompletionTokensInvalid_RefusedOnThatField(string value)
    {
        AssertRefused(Inspect($$"""{"model":"m","messages":[],"max_completion_tokens":{{value}}}"""), "invalid_type", "max_completion_tokens");
    }

    [Theory]
    [InlineData("""{"messages":[]}""", GatewayEndpoint.Chat)]
    [InlineData("""{"prompt":"x"}""", GatewayEndpoint.Completions)]
    [InlineData("""{"input":"x"}""", GatewayEndpoint.Embeddings)]
    [InlineData("""{}""", GatewayEndpoint.Chat)]
    [InlineData("""{"Model":"m","messages":[]}""", GatewayEndpoint.Chat)]
    [InlineData("""{"metadata":{"model":"m"},"messages":[]}""", GatewayEndpoint.Chat)]
    public void Inspect_MissingModel_MissingRequiredParameter(string json, GatewayEndpoint endpoint)
    {
        var error = AssertRefused(Inspect(json, endpoint), "missing_required_parameter", "model");

        Assert.Contains("'model'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"model":"m"}""")]
    [InlineData("""{"model":"m","prompt":"x"}""")]
    [InlineData("""{"model":"m","Messages":[]}""")]
    public void Inspect_ChatWithoutMessages_MissingMessages(string json)
    {
        AssertRefused(Inspect(json, GatewayEndpoint.Chat), "missing_required_parameter", "messages");
    }

    [Theory]
    [InlineData("\"hi\"", "a string")]
    [InlineData("{}", "an object")]
    [InlineData("null", "null")]
    [InlineData("3", "a number")]
    public void Inspect_MessagesNotArray_InvalidTypeOnMessages(string value, string got)
    {
        var error = AssertRefused(Inspect($$"""{"model":"m","messages":{{value}}}"""), "invalid_type", "messages");

        Assert.Contains(got, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"model":"m"}""")]
    [InlineData("""{"model":"m","messages":[]}""")]
    [InlineData("""{"model":"m","input":"x"}""")]
    public void Inspect_CompletionsWithoutPrompt_MissingPrompt(string json)
    {
        AssertRefused(Inspect(json, GatewayEndpoint.Completions), "missing_required_parameter", "prompt");
    }

    [Theory]
    [InlineData("""{"model":"m"}""")]
    [InlineData("""{"model":"m","prompt":"x"}""")]
    public void Inspect_EmbeddingsWithoutInput_MissingInput(string json)
    {
        AssertRefused(Inspect(json, GatewayEndpoint.Embeddings), "missing_required_parameter", "input");
    }

    [Theory]
    [InlineData("""{"model":"m","prompt":5}""", GatewayEndpoint.Completions, "prompt")]
    [InlineData("""{"model":"m","prompt":{}}""", GatewayEndpoint.Completions, "prompt")]
    [InlineData("""{"model":"m","input":null}""", GatewayEndpoint.Embeddings, "input")]
    [InlineData("""{"model":"m","input":true}""", GatewayEndpoint.Embeddings, "input")]
    public void Inspect_PromptOrInputWrongType_InvalidType(string json, GatewayEndpoint endpoint, string param)
    {
        AssertRefused(Inspect(json, endpoint), "invalid_type", param);
    }

    [Theory]
    [InlineData(65)]
    [InlineData(100)]
    [InlineData(10_000)]
    public void Inspect_NestedDeeperThan64_InvalidJson(int depth)
    {
        var nested = new string('[', depth) + new string(']', depth);

        AssertRefused(Inspect($$"""{"model":"m","messages":{{nested}}}"""), "invalid_json");
    }

    [Fact]
    public void Inspect_NestedDeeperThan64InUnknownField_InvalidJson()
    {
        var nested = string.Concat(Enumerable.Repeat("{\"a\":", 80)) + "1" + new string('}', 80);

        AssertRefused(Inspect($$"""{"model":"m","messages":[],"extra":{{nested}}}"""), "invalid_json");
    }

    [Fact]
    public void Inspect_NestedWithinLimit_Accepted()
    {
        // The body object is depth 1, so 60 nested arrays stay well within the limit of 64.
        var nested = new string('[', 60) + new string(']', 60);

        var inspection = Inspect($$"""{"model":"m","messages":{{nested}}}""");

        Assert.Null(inspection.Error);
        Assert.Equal("m", inspection.Model);
    }

    [Fact]
    public void Inspect_EndpointWithoutBodyRequirement_OnlyNeedsModel()
    {
        var inspection = Inspect("""{"model":"m"}""", GatewayEndpoint.Models);

        Assert.Null(inspection.Error);
        Assert.Equal("m", inspection.Model);
    }

    [Fact]
    public void Inspect_ErrorMessage_DoesNotEchoBodyContent()
    {
        const string secret = "sk-live-SECRET-CONTENT-123";
        var inspection = Inspect($$"""{"model":"m","messages":[{"role":"user","content":"{{secret}}"}],"x": tru}""");

        var error = AssertRefused(inspection, "invalid_json");
        Assert.DoesNotContain(secret, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF })]
    [InlineData(new byte[] { 0xC3 })] // a truncated two-byte sequence
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })] // an encoded surrogate
    public void Inspect_InvalidUtf8InModel_Refused(byte[] badBytes)
    {
        // The documented contract is a clear 4xx for every bad input, never an exception (which would be a 500).
        var body = Encoding.UTF8.GetBytes("{\"model\":\"gpt").Concat(badBytes).Concat(Encoding.UTF8.GetBytes("\",\"messages\":[]}")).ToArray();

        var inspection = RequestBodyInspector.Inspect(body, GatewayEndpoint.Chat);

        var error = Assert.IsType<GatewayError>(inspection.Error);
        Assert.Equal(400, error.StatusCode);
    }

    [Fact]
    public void Inspect_InvalidUtf8InSkippedContent_Refused()
    {
        // Bytes the reader skips (message content) must not slip through to the upstream either.
        var body = Encoding.UTF8.GetBytes("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"a").Concat(new byte[] { 0xFF }).Concat(Encoding.UTF8.GetBytes("\"}]}")).ToArray();

        var inspection = RequestBodyInspector.Inspect(body, GatewayEndpoint.Chat);

        Assert.Equal("invalid_json", Assert.IsType<GatewayError>(inspection.Error).Code);
    }

    [Theory]
    [InlineData("""{"model":"m","messages":[],"max_tokens":10,"max_tokens":100000}""", "max_tokens")]
    [InlineData("""{"model":"m","messages":[],"max_completion_tokens":10,"max_completion_tokens":100000}""", "max_completion_tokens")]
    public void Inspect_DuplicateOutputCap_RefusedOnThatField(string json, string param)
    {
        var inspection = RequestBodyInspector.Inspect(Encoding.UTF8.GetBytes(json), GatewayEndpoint.Chat);

        var error = Assert.IsType<GatewayError>(inspection.Error);
        Assert.Equal(400, error.StatusCode);
        Assert.Equal(param, error.Param);
    }
}

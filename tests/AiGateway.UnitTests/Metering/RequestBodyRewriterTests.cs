using System.Text;
using System.Text.Json;
using AiGateway.Metering;

namespace AiGateway.UnitTests.Metering;

public class RequestBodyRewriterTests
{
    private static (RequestRewrite Result, string Body) Rewrite(string json, int? maxTokens = null, bool ensureUsage = true,
        OutputCapField insertAs = OutputCapField.MaxTokens)
    {
        var input = Encoding.UTF8.GetBytes(json);
        var result = RequestBodyRewriter.Rewrite(input, new RequestRewriteOptions(maxTokens, ensureUsage, insertAs));
        using var body = result.Body;
        var text = body is null ? json : Encoding.UTF8.GetString(body.Span);
        using var document = JsonDocument.Parse(text); // every output parses
        Assert.Equal(JsonValueKind.Object, document.RootElement.ValueKind);
        return (result, text);
    }

    [Fact]
    public void Rewrite_NoCapPresent_InsertsMaxTokens()
    {
        var (result, body) = Rewrite("""{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hello"}]}""", maxTokens: 256);

        Assert.Equal("""{"max_tokens":256,"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hello"}]}""", body);
        Assert.True(result.Changed);
        Assert.True(result.MaxTokensInserted);
        Assert.False(result.MaxTokensClamped);
        Assert.Equal(256, result.EffectiveMaxTokens);
    }

    [Fact]
    public void Rewrite_InsertAsMaxCompletionTokens_UsesThatKey()
    {
        var (_, body) = Rewrite("""{"model":"o3","messages":[]}""", maxTokens: 9, insertAs: OutputCapField.MaxCompletionTokens);

        Assert.Equal("""{"max_completion_tokens":9,"model":"o3","messages":[]}""", body);
    }

    [Fact]
    public void Rewrite_BothCapsOverLimit_ClampsBoth()
    {
        var (result, body) = Rewrite("""{"model":"m","max_tokens":5000,"messages":[],"max_completion_tokens": 4096 }""", maxTokens: 1000);

        Assert.Equal("""{"model":"m","max_tokens":1000,"messages":[],"max_completion_tokens": 1000 }""", body);
        Assert.True(result.MaxTokensClamped);
        Assert.False(result.MaxTokensInserted);
        Assert.Equal(1000, result.EffectiveMaxTokens);
    }

    [Fact]
    public void Rewrite_OneCapUnderLimit_ClampsOnlyTheLargerOne()
    {
        var (result, body) = Rewrite("""{"model":"m","max_tokens":50,"max_completion_tokens":4096,"messages":[]}""", maxTokens: 100);

        Assert.Equal("""{"model":"m","max_tokens":50,"max_completion_tokens":100,"messages":[]}""", body);
        Assert.Equal(50, result.EffectiveMaxTokens);
    }

    [Fact]
    public void Rewrite_CapWithinLimitAndNoStream_NoChangeNoBody()
    {
        var (result, body) = Rewrite("""{"model":"m","max_tokens":64,"messages":[]}""", maxTokens: 100);

        Assert.Null(result.Body);
        Assert.False(result.Changed);
        Assert.Equal(64, result.EffectiveMaxTokens);
        Assert.Equal("""{"model":"m","max_tokens":64,"messages":[]}""", body);
    }

    [Fact]
    public void Rewrite_NullCap_ReplacedInPlace()
    {
        var (result, body) = Rewrite("""{"model":"m","max_completion_tokens":null,"messages":[]}""", maxTokens: 77);

        Assert.Equal("""{"model":"m","max_completion_tokens":77,"messages":[]}""", body);
        Assert.True(result.MaxTokensInserted);
    }

    [Fact]
    public void Rewrite_NullCapNextToNumericCap_LeftAlone()
    {
        var (result, body) = Rewrite("""{"model":"m","max_tokens":null,"max_completion_tokens":10,"messages":[]}""", maxTokens: 77);

        Assert.False(result.Changed);
        Assert.Equal(10, result.EffectiveMaxTokens);
        Assert.Contains("\"max_tokens\":null", body, StringComparison.Ordinal);
    }

    [Fact]
    public void Rewrite_StreamWithoutStreamOptions_AddsIncludeUsage()
    {
        var (result, body) = Rewrite("""{"model":"m","messages":[],"stream":true}""");

        Assert.Equal("""{"stream_options":{"include_usage":true},"model":"m","messages":[],"stream":true}""", body);
        Assert.True(result.Stream);
        Assert.True(result.UsageRequestAdded);
        Assert.False(result.ClientRequestedUsage);
        Assert.True(result.StripUsageChunk);
    }

    [Fact]
    public void Rewrite_StreamAndCap_InsertsBothInOneSplice()
    {
        var (_, body) = Rewrite("""{"stream":true,"model":"m","messages":[]}""", maxTokens: 10);

        Assert.Equal("""{"max_tokens":10,"stream_options":{"include_usage":true},"stream":true,"model":"m","messages":[]}""", body);
    }

    [Fact]
    public void Rewrite_StreamOptionsWithoutIncludeUsage_InsertsItKeepingOtherKeys()
    {
        var (result, body) = Rewrite("""{"model":"m","messages":[],"stream":true,"stream_options":{ "include_obfuscation": false }}""");

        Assert.Equal("""{"model":"m","messages":[],"stream":true,"stream_options":{"include_usage":true, "include_obfuscation": false }}""", body);
        Assert.True(result.StripUsageChunk);
    }

    [Fact]
    public void Rewrite_EmptyStreamOptions_InsertsIncludeUsage()
    {
        var (_, body) = Rewrite("""{"model":"m","messages":[],"stream_options":{},"stream":true}""");

        Assert.Equal("""{"model":"m","messages":[],"stream_options":{"include_usage":true},"stream":true}""", body);
    }

    [Fact]
    public void Rewrite_NullStreamOptions_ReplacedByObject()
    {
        var (_, body) = Rewrite("""{"model":"m","messages":[],"stream":true,"stream_options":null}""");

        Assert.Equal("""{"model":"m","messages":[],"stream":true,"stream_options":{"include_usage":true}}""", body);
    }

    [Fact]
    public void Rewrite_IncludeUsageFalse_SetTrueAndStripped()
    {
        var (result, body) = Rewrite("""{"model":"m","messages":[],"stream":true,"stream_options":{"include_usage":false,"include_obfuscation":true}}""");

        Assert.Equal("""{"model":"m","messages":[],"stream":true,"stream_options":{"include_usage":true,"include_obfuscation":true}}""", body);
        Assert.False(result.ClientRequestedUsage);
        Assert.True(result.StripUsageChunk);
    }

    [Fact]
    public void Rewrite_ClientAskedForUsage_ReportsItAndChangesNothing()
    {
        var (result, _) = Rewrite("""{"model":"m","messages":[],"stream":true,"stream_options":{"include_usage":true}}""");

        Assert.Null(result.Body);
        Assert.True(result.ClientRequestedUsage);
        Assert.False(result.UsageRequestAdded);
        Assert.False(result.StripUsageChunk);
    }

    [Theory]
    [InlineData("""{"model":"m","messages":[],"stream":false}""")]
    [InlineData("""{"model":"m","messages":[]}""")]
    [InlineData("""{"model":"m","messages":[],"stream":false,"stream_options":{"include_usage":false}}""")]
    public void Rewrite_NotStreaming_LeavesStreamOptionsAlone(string json)
    {
        var (result, _) = Rewrite(json);

        Assert.Null(result.Body);
        Assert.False(result.Stream);
        Assert.False(result.StripUsageChunk);
    }

    [Fact]
    public void Rewrite_StreamOptionsAfterStreamFalse_NotTouchedEvenWhenFoundFirst()
    {
        var (result, _) = Rewrite("""{"stream_options":{},"model":"m","messages":[],"stream":false}""");

        Assert.Null(result.Body);
    }

    [Fact]
    public void Rewrite_EnsureUsageOff_LeavesStreamAlone()
    {
        var (result, _) = Rewrite("""{"model":"m","messages":[],"stream":true}""", ensureUsage: false);

        Assert.Null(result.Body);
        Assert.False(result.StripUsageChunk);
    }

    [Fact]
    public void Rewrite_FormattedBody_KeepsEveryOtherByte()
    {
        const string json = "{\r\n  \"model\" : \"m\",\r\n  \"messages\" : [ { \"role\":\"user\", \"content\":\"say \\\"max_tokens\\\": 1 and \\\"stream\\\":true\" } ],\r\n  \"max_tokens\" :  9000 ,\r\n  \"stream\" : true,\r\n  \"stream_options\" : {\r\n    \"include_obfuscation\" : false\r\n  }\r\n}\r\n";

        var (_, body) = Rewrite(json, maxTokens: 512);

        Assert.Equal(json.Replace("9000", "512", StringComparison.Ordinal)
            .Replace("{\r\n    \"include_obfuscation\"", "{\"include_usage\":true,\r\n    \"include_obfuscation\"", StringComparison.Ordinal), body);
    }

    [Fact]
    public void Rewrite_CapTextInsideContent_NotMistakenForTopLevelKey()
    {
        var (result, body) = Rewrite("""{"model":"m","messages":[{"role":"user","content":"{\"max_tokens\":999999}"}],"metadata":{"max_tokens":999999,"stream_options":null}}""", maxTokens: 5);

        Assert.True(result.MaxTokensInserted);
        using var document = JsonDocument.Parse(body);
        Assert.Equal(5, document.RootElement.GetProperty("max_tokens").GetInt32());
        Assert.Equal(999999, document.RootElement.GetProperty("metadata").GetProperty("max_tokens").GetInt32());
        Assert.Equal(JsonValueKind.Null, document.RootElement.GetProperty("metadata").GetProperty("stream_options").ValueKind);
    }

    [Fact]
    public void Rewrite_EscapedKeyName_Recognised()
    {
        var (result, body) = Rewrite("""{"model":"m","messages":[],"max\u005ftokens":9000}""", maxTokens: 8);

        Assert.True(result.MaxTokensClamped);
        Assert.Equal("""{"model":"m","messages":[],"max\u005ftokens":8}""", body);
    }

    [Fact]
    public void Rewrite_CapBeyondInt_Clamped()
    {
        var (result, body) = Rewrite("""{"model":"m","messages":[],"max_tokens":99999999999999}""", maxTokens: 8);

        Assert.True(result.MaxTokensClamped);
        Assert.Equal("""{"model":"m","messages":[],"max_tokens":8}""", body);
    }

    [Fact]
    public void Rewrite_ManyDuplicateStreamOptions_AllFixed()
    {
        // More edits than the stack-allocated list holds: the pooled overflow path.
        var json = "{\"model\":\"m\",\"messages\":[],\"stream\":true" + string.Concat(Enumerable.Repeat(",\"stream_options\":{\"include_usage\":false}", 12)) + "}";

        var (result, body) = Rewrite(json);

        Assert.Equal(json.Replace("false", "true", StringComparison.Ordinal), body);
        Assert.True(result.StripUsageChunk);
    }

    [Theory]
    [InlineData("[1,2]")]
    [InlineData("\"text\"")]
    public void Rewrite_NotAnObject_Throws(string json)
    {
        Assert.Throws<ArgumentException>(() => RequestBodyRewriter.Rewrite(Encoding.UTF8.GetBytes(json), new RequestRewriteOptions(10, true)));
    }

    [Fact]
    public void Rewrite_Dispose_ReturnsBufferOnceAndBlocksUse()
    {
        var result = RequestBodyRewriter.Rewrite("""{"model":"m","stream":true}"""u8, new RequestRewriteOptions(null, true));
        var body = result.Body!;
        using var stream = body.AsStream();
        Assert.Equal(body.Length, stream.Length);

        body.Dispose();
        body.Dispose();

        Assert.Throws<ObjectDisposedException>(() => body.Span.Length);
    }
}

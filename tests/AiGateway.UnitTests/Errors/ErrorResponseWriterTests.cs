using System.Text;
using System.Text.Json;
using AiGateway.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace AiGateway.UnitTests.Errors;

public class ErrorResponseWriterTests
{
    public static TheoryData<string, GatewayError> CatalogueErrors => new()
    {
        { "MissingCredential", GatewayErrors.MissingCredential },
        { "InvalidToken", GatewayErrors.InvalidToken },
        { "ExpiredToken", GatewayErrors.ExpiredToken },
        { "RevokedToken", GatewayErrors.RevokedToken },
        { "SuspendedToken", GatewayErrors.SuspendedToken },
        { "NoTeamPolicy", GatewayErrors.NoTeamPolicy },
        { "RequestTooLarge", GatewayErrors.RequestTooLarge },
        { "UpstreamUnavailable", GatewayErrors.UpstreamUnavailable },
        { "UpstreamTimeout", GatewayErrors.UpstreamTimeout },
        { "UpstreamKeyUnavailable", GatewayErrors.UpstreamKeyUnavailable },
        { "InternalError", GatewayErrors.InternalError },
        { "EndpointNotAllowed", GatewayErrors.EndpointNotAllowed("embeddings") },
        { "ModelNotAllowed", GatewayErrors.ModelNotAllowed("gpt-4.1") },
        { "InvalidJson", GatewayErrors.InvalidJson("Unexpected end.") },
        { "InvalidField", GatewayErrors.InvalidField("stream", "Invalid type for 'stream'.") },
        { "MissingField", GatewayErrors.MissingField("messages") },
        { "UnknownUrl", GatewayErrors.UnknownUrl("GET", "/v2/nothing") },
    };

    private static DefaultHttpContext NewContext()
    {
        var context = new DefaultHttpContext();
        context.Response.Body = new MemoryStream();
        return context;
    }

    private static async Task<JsonDocument> WriteAndParse(DefaultHttpContext context, GatewayError error)
    {
        await ErrorResponseWriter.WriteAsync(context, error);
        var body = (MemoryStream)context.Response.Body;
        return JsonDocument.Parse(body.ToArray());
    }

    private static void AssertOpenAiShape(JsonDocument document, GatewayError error)
    {
        var root = document.RootElement;
        Assert.Equal(JsonValueKind.Object, root.ValueKind);
        var top = Assert.Single(root.EnumerateObject());
        Assert.Equal("error", top.Name);
        var inner = top.Value;
        Assert.Equal(["message", "type", "param", "code"], inner.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal(error.Message, inner.GetProperty("message").GetString());
        Assert.Equal(error.Type, inner.GetProperty("type").GetString());
        AssertStringOrNull(error.Param, inner.GetProperty("param"));
        AssertStringOrNull(error.Code, inner.GetProperty("code"));
    }

    private static void AssertStringOrNull(string? expected, JsonElement actual)
    {
        if (expected is null)
        {
            Assert.Equal(JsonValueKind.Null, actual.ValueKind);
        }
        else
        {
            Assert.Equal(expected, actual.GetString());
        }
    }

    [Theory]
    [MemberData(nameof(CatalogueErrors))]
    public async Task WriteAsync_CatalogueError_WritesExactOpenAiShapeAndStatus(string name, GatewayError error)
    {
        var context = NewContext();

        using var document = await WriteAndParse(context, error);

        AssertOpenAiShape(document, error);
        Assert.Equal(error.StatusCode, context.Response.StatusCode);
        Assert.Equal("application/json", context.Response.ContentType);
        Assert.False(string.IsNullOrWhiteSpace(error.Message), name);
    }

    [Theory]
    [MemberData(nameof(CatalogueErrors))]
    public async Task WriteAsync_CatalogueError_ShouldRetryHeaderMatchesNotRetryable(string name, GatewayError error)
    {
        var context = NewContext();

        await ErrorResponseWriter.WriteAsync(context, error);

        if (error.NotRetryable)
        {
            Assert.Equal("false", context.Response.Headers["x-should-retry"].ToString());
        }
        else
        {
            Assert.False(context.Response.Headers.ContainsKey("x-should-retry"), name);
        }
    }

    [Fact]
    public async Task WriteAsync_SuspendedToken_403WithShouldRetryFalse()
    {
        var context = NewContext();

        using var document = await WriteAndParse(context, GatewayErrors.SuspendedToken);

        Assert.Equal(403, context.Response.StatusCode);
        Assert.Equal("false", context.Response.Headers["x-should-retry"].ToString());
        Assert.Equal("token_suspended", document.RootElement.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task WriteAsync_InvalidToken_401WithoutShouldRetry()
    {
        var context = NewContext();

        using var document = await WriteAndParse(context, GatewayErrors.InvalidToken);

        Assert.Equal(401, context.Response.StatusCode);
        Assert.False(context.Response.Headers.ContainsKey("x-should-retry"));
        Assert.Equal("invalid_api_key", document.RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(JsonValueKind.Null, document.RootElement.GetProperty("error").GetProperty("param").ValueKind);
    }

    [Fact]
    public async Task WriteAsync_ErrorWithParam_ParamWritten()
    {
        var context = NewContext();

        using var document = await WriteAndParse(context, GatewayErrors.MissingField("messages"));

        Assert.Equal(400, context.Response.StatusCode);
        Assert.Equal("messages", document.RootElement.GetProperty("error").GetProperty("param").GetString());
        Assert.Equal("missing_required_parameter", document.RootElement.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task WriteAsync_ResponseAlreadyStarted_AbortsWithoutWriting()
    {
        var context = NewContext();
        var lifetime = new RecordingLifetimeFeature();
        context.Features.Set<IHttpResponseFeature>(new StartedResponseFeature());
        context.Features.Set<IHttpRequestLifetimeFeature>(lifetime);

        await ErrorResponseWriter.WriteAsync(context, GatewayErrors.UpstreamUnavailable);

        Assert.True(lifetime.Aborted);
        Assert.Equal(0, context.Response.Body.Length);
        Assert.Equal(200, context.Response.StatusCode);
    }

    [Fact]
    public void ToUtf8Bytes_Error_SameShapeAsResponse()
    {
        var error = GatewayErrors.ModelNotAllowed("gpt-4.1");

        using var document = JsonDocument.Parse(ErrorResponseWriter.ToUtf8Bytes(error));

        AssertOpenAiShape(document, error);
    }

    [Fact]
    public void ToUtf8Bytes_MessageWithApostrophe_NotEscaped()
    {
        var text = Encoding.UTF8.GetString(ErrorResponseWriter.ToUtf8Bytes(GatewayErrors.MissingCredential));

        Assert.Contains("didn't", text, StringComparison.Ordinal);
        Assert.Contains("<token>", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ToUtf8Bytes_QuotesAndBackslashesInText_StillValidJson()
    {
        var error = GatewayErrors.ModelNotAllowed("a\"b\\c</script>");

        using var document = JsonDocument.Parse(ErrorResponseWriter.ToUtf8Bytes(error));

        Assert.Contains("a\"b\\c</script>", document.RootElement.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_Null_Throws()
    {
        await Assert.ThrowsAsync<ArgumentNullException>(() => ErrorResponseWriter.WriteAsync(null!, GatewayErrors.InternalError));
        await Assert.ThrowsAsync<ArgumentNullException>(() => ErrorResponseWriter.WriteAsync(NewContext(), null!));
    }

    private sealed class StartedResponseFeature : HttpResponseFeature
    {
        public override bool HasStarted => true;
    }

    private sealed class RecordingLifetimeFeature : IHttpRequestLifetimeFeature
    {
        public bool Aborted { get; private set; }

        public CancellationToken RequestAborted { get; set; }

        public void Abort() => Aborted = true;
    }
}

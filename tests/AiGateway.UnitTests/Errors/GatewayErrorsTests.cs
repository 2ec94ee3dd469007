using System.Text.Json;
using AiGateway.Errors;

namespace AiGateway.UnitTests.Errors;

public class GatewayErrorsTests
{
    [Fact]
    public void ModelNotAllowed_ShortName_EchoedWithParamModel()
    {
        var error = GatewayErrors.ModelNotAllowed("gpt-4.1");

        Assert.Equal(403, error.StatusCode);
        Assert.Equal("model_not_allowed", error.Code);
        Assert.Equal("model", error.Param);
        Assert.True(error.NotRetryable);
        Assert.Equal("Your team is not allowed to use the model 'gpt-4.1'.", error.Message);
    }

    [Fact]
    public void ModelNotAllowed_VeryLongName_TruncatedTo128WithEllipsis()
    {
        var model = new string('m', 100_000);

        var error = GatewayErrors.ModelNotAllowed(model);

        Assert.Contains("'" + new string('m', 128) + "...'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(new string('m', 129), error.Message, StringComparison.Ordinal);
        Assert.True(error.Message.Length < 300);
    }

    [Fact]
    public void ModelNotAllowed_Exactly128Characters_NotTruncated()
    {
        var model = new string('m', 128);

        var error = GatewayErrors.ModelNotAllowed(model);

        Assert.Contains("'" + model + "'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("...", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("gpt\n4", "gpt?4")]
    [InlineData("gpt\r\n4", "gpt??4")]
    [InlineData("a\u0000b", "a?b")]
    [InlineData("\u001b[31mred", "?[31mred")]
    [InlineData("tab\there", "tab?here")]
    [InlineData("del\u007f", "del?")]
    [InlineData("c1\u0085", "c1?")]
    public void ModelNotAllowed_ControlCharacters_ReplacedWithQuestionMark(string model, string printed)
    {
        var error = GatewayErrors.ModelNotAllowed(model);

        Assert.Equal($"Your team is not allowed to use the model '{printed}'.", error.Message);
        Assert.DoesNotContain(error.Message, char.IsControl);
    }

    [Fact]
    public void ModelNotAllowed_LongNameWithControlCharacters_TruncatedAndCleaned()
    {
        var model = "\n" + new string('x', 200) + "\n";

        var error = GatewayErrors.ModelNotAllowed(model);

        Assert.Contains("'?" + new string('x', 127) + "...'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(error.Message, char.IsControl);
    }

    [Fact]
    public void ModelNotAllowed_NonAsciiName_Kept()
    {
        var error = GatewayErrors.ModelNotAllowed("modèle-ü");

        Assert.Contains("'modèle-ü'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ModelNotAllowed_SurrogatePairCutAtLimit_SerialisesAsValidJson()
    {
        // 127 characters, then an emoji (a surrogate pair) straddling the 128-character cut.
        var model = new string('m', 127) + "😀" + "tail";

        var error = GatewayErrors.ModelNotAllowed(model);
        var bytes = ErrorResponseWriter.ToUtf8Bytes(error);

        using var document = JsonDocument.Parse(bytes);
        var message = document.RootElement.GetProperty("error").GetProperty("message").GetString()!;
        Assert.Contains(new string('m', 127), message, StringComparison.Ordinal);
        Assert.DoesNotContain("tail", message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownUrl_LongPathWithControlCharacters_TruncatedAndCleaned()
    {
        var error = GatewayErrors.UnknownUrl("GET", "/v1/\r\nx-injected: 1/" + new string('p', 500));

        Assert.Equal(404, error.StatusCode);
        Assert.Equal("unknown_url", error.Code);
        Assert.DoesNotContain(error.Message, char.IsControl);
        Assert.DoesNotContain(new string('p', 129), error.Message, StringComparison.Ordinal);
        Assert.StartsWith("Invalid URL (GET /v1/??x-injected: 1/", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EndpointNotAllowed_Endpoint_403NotRetryable()
    {
        var error = GatewayErrors.EndpointNotAllowed("embeddings");

        Assert.Equal(403, error.StatusCode);
        Assert.Equal("endpoint_not_allowed", error.Code);
        Assert.True(error.NotRetryable);
        Assert.Contains("'embeddings'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(nameof(GatewayErrors.MissingCredential), 401, null, false)]
    [InlineData(nameof(GatewayErrors.InvalidToken), 401, "invalid_api_key", false)]
    [InlineData(nameof(GatewayErrors.ExpiredToken), 401, "invalid_api_key", false)]
    [InlineData(nameof(GatewayErrors.RevokedToken), 401, "invalid_api_key", false)]
    [InlineData(nameof(GatewayErrors.SuspendedToken), 403, "token_suspended", true)]
    [InlineData(nameof(GatewayErrors.NoTeamPolicy), 403, "team_not_configured", true)]
    [InlineData(nameof(GatewayErrors.RequestTooLarge), 413, "request_too_large", true)]
    [InlineData(nameof(GatewayErrors.UpstreamUnavailable), 502, "upstream_unavailable", false)]
    [InlineData(nameof(GatewayErrors.UpstreamTimeout), 504, "upstream_timeout", false)]
    [InlineData(nameof(GatewayErrors.UpstreamKeyUnavailable), 503, "upstream_key_unavailable", false)]
    [InlineData(nameof(GatewayErrors.InternalError), 500, null, false)]
    public void Catalogue_FixedErrors_HaveDocumentedStatusAndCode(string name, int status, string? code, bool notRetryable)
    {
        var error = (GatewayError)typeof(GatewayErrors).GetField(name)!.GetValue(null)!;

        Assert.Equal(status, error.StatusCode);
        Assert.Equal(code, error.Code);
        Assert.Equal(notRetryable, error.NotRetryable);
        Assert.Equal(status >= 500 ? "server_error" : "invalid_request_error", error.Type);
    }

    [Fact]
    public void InvalidJson_Detail_400InvalidJson()
    {
        var error = GatewayErrors.InvalidJson("Unexpected end of data.");

        Assert.Equal(400, error.StatusCode);
        Assert.Equal("invalid_json", error.Code);
        Assert.Null(error.Param);
        Assert.EndsWith("Unexpected end of data.", error.Message, StringComparison.Ordinal);
    }
}

using AiGateway.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace AiGateway.UnitTests.Telemetry;

public sealed class GatewayErrorFeatureTests
{
    [Theory]
    [InlineData("InvalidToken", "invalid_api_key")]
    [InlineData("MissingCredential", "invalid_request_error")] // no code: the type stands in
    [InlineData("InternalError", "server_error")]
    [InlineData("ModelNotAllowed", "model_not_allowed")]
    [InlineData("RateLimited", "rate_limit_exceeded")]
    public async Task WriteAsync_RecordsTheErrorAndItsReason(string name, string reason)
    {
        var error = name switch
        {
            "InvalidToken" => GatewayErrors.InvalidToken,
            "MissingCredential" => GatewayErrors.MissingCredential,
            "InternalError" => GatewayErrors.InternalError,
            "ModelNotAllowed" => GatewayErrors.ModelNotAllowed("gpt-4.1"),
            _ => GatewayErrors.RateLimited("requests", "deepseek-v3.2", "rag", 2, 2, 1, 1000),
        };
        var context = new DefaultHttpContext();
        context.Response.Body = new MemoryStream();

        await ErrorResponseWriter.WriteAsync(context, error);

        var feature = context.Features.GetRequiredFeature<GatewayErrorFeature>();
        Assert.Same(error, feature.Error);
        Assert.Equal(reason, feature.Reason);
    }

    [Fact]
    public async Task WriteAsync_ResponseAlreadyStarted_NothingRecorded()
    {
        var context = new DefaultHttpContext();
        context.Features.Set<IHttpResponseFeature>(new StartedResponse());

        await ErrorResponseWriter.WriteAsync(context, GatewayErrors.UpstreamUnavailable);

        Assert.Null(context.Features.Get<GatewayErrorFeature>());
    }

    private sealed class StartedResponse : HttpResponseFeature
    {
        public override bool HasStarted => true;
    }
}

using System.ClientModel;
using System.Net;
using AiGateway.IntegrationTests.Infrastructure;
using OpenAI.Chat;

namespace AiGateway.IntegrationTests.Proxy;

/// <summary>Bad requests get a clear OpenAI-shaped 4xx and never reach the upstream.</summary>
public sealed class RequestValidationTests : IClassFixture<GatewayFixture>
{
    private readonly GatewayFixture _fixture;

    public RequestValidationTests(GatewayFixture fixture) => _fixture = fixture;

    private GatewayHost Gateway => _fixture.Gateway;

    [Theory]
    [InlineData("{\"model\": \"deepseek-v3.2\", \"messages\": [", "invalid_json", null)]
    [InlineData("not json at all", "invalid_json", null)]
    [InlineData("[1, 2, 3]", "invalid_json", null)]
    [InlineData("{\"model\": 42, \"messages\": []}", "invalid_type", "model")]
    [InlineData("{\"model\": \"deepseek-v3.2\", \"messages\": \"hello\"}", "invalid_type", "messages")]
    [InlineData("{\"model\": \"deepseek-v3.2\", \"messages\": [], \"stream\": \"yes\"}", "invalid_type", "stream")]
    [InlineData("{\"model\": \"deepseek-v3.2\", \"messages\": [], \"max_tokens\": -5}", "invalid_type", "max_tokens")]
    [InlineData("{\"messages\": []}", "missing_required_parameter", "model")]
    [InlineData("{\"model\": \"deepseek-v3.2\"}", "missing_required_parameter", "messages")]
    [InlineData("{\"model\": \"deepseek-v3.2\", \"model\": \"gpt-4.1\", \"messages\": []}", "invalid_type", "model")]
    public async Task ChatCompletions_BadBody_Returns400AndNothingIsForwarded(string body, string code, string? param)
    {
        var (token, _) = await Gateway.IssueTokenAsync("rag", "bad-input");
        var before = _fixture.Simulator.ReceivedRequests.Count;

        using var response = await Gateway.Http.SendAsync(Gateway.Request(HttpMethod.Post, "/v1/chat/completions", token, body));

        await OpenAiErrorAssert.IsErrorAsync(response, HttpStatusCode.BadRequest, code, param);
        Assert.Equal(before, _fixture.Simulator.ReceivedRequests.Count);
    }

    [Fact]
    public async Task Embeddings_WithoutInput_Returns400()
    {
        var (token, _) = await Gateway.IssueTokenAsync("rag", "bad-embeddings");

        using var response = await Gateway.Http.SendAsync(Gateway.Request(HttpMethod.Post, "/v1/embeddings", token,
            "{\"model\": \"text-embedding-3-small\"}"));

        await OpenAiErrorAssert.IsErrorAsync(response, HttpStatusCode.BadRequest, "missing_required_parameter", "input");
    }

    [Fact]
    public async Task ChatCompletions_DisallowedModel_Returns403ThatTheSdkParses()
    {
        var (token, _) = await Gateway.IssueTokenAsync("rag", "wrong-model");
        var client = Gateway.OpenAi(token).GetChatClient("claude-sonnet-4.5");

        var error = await Assert.ThrowsAsync<ClientResultException>(() => client.CompleteChatAsync([new UserChatMessage("hi")]));

        Assert.Equal(403, error.Status);
        Assert.Contains("model_not_allowed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Embeddings_TeamWithoutEmbeddingsEndpoint_Returns403EndpointNotAllowed()
    {
        var (token, _) = await Gateway.IssueTokenAsync("customer-service", "no-embeddings");
        var client = Gateway.OpenAi(token).GetEmbeddingClient("text-embedding-3-small");

        var error = await Assert.ThrowsAsync<ClientResultException>(() => client.GenerateEmbeddingAsync("hello"));

        Assert.Equal(403, error.Status);
        Assert.Contains("endpoint_not_allowed", error.GetRawResponse()!.Content.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownPath_Returns404InOpenAiShape()
    {
        var (token, _) = await Gateway.IssueTokenAsync("rag", "unknown-path");

        using var response = await Gateway.Http.SendAsync(Gateway.Request(HttpMethod.Post, "/v1/images/generations", token, "{}"));

        await OpenAiErrorAssert.IsErrorAsync(response, HttpStatusCode.NotFound, "unknown_url");
    }

    [Fact]
    public async Task KnownPath_WrongMethod_Returns405InOpenAiShape()
    {
        using var response = await Gateway.Http.DeleteAsync("/v1/chat/completions");

        await OpenAiErrorAssert.IsErrorAsync(response, HttpStatusCode.MethodNotAllowed, "method_not_allowed");
    }
}

using System.ClientModel;
using AiGateway.IntegrationTests.Infrastructure;
using OpenAI.Chat;
using OpenAI.Embeddings;

namespace AiGateway.IntegrationTests.Proxy;

/// <summary>The official OpenAI .NET SDK, pointed at the gateway, talks to the simulator through it.</summary>
public sealed class OpenAiSdkEndToEndTests : IClassFixture<GatewayFixture>
{
    private readonly GatewayFixture _fixture;

    public OpenAiSdkEndToEndTests(GatewayFixture fixture) => _fixture = fixture;

    private GatewayHost Gateway => _fixture.Gateway;

    [Fact]
    public async Task CompleteChat_AllowedModel_ReturnsCompletionAndUpstreamSawTeamKeyOnly()
    {
        var (token, _) = await Gateway.IssueTokenAsync("rag", "sdk-chat");
        var marker = $"chat-{Guid.NewGuid():N}";

        ChatCompletion completion = await Gateway.OpenAi(token).GetChatClient("deepseek-v3.2")
            .CompleteChatAsync([new UserChatMessage($"Say hello {marker}")]);

        Assert.False(string.IsNullOrWhiteSpace(completion.Content[0].Text));
        Assert.True(completion.Usage.InputTokenCount > 0);
        Assert.True(completion.Usage.OutputTokenCount > 0);
        var seen = Assert.Single(_fixture.Simulator.ReceivedRequests, r => r.Body.Contains(marker, StringComparison.Ordinal));
        Assert.Equal("/v1/chat/completions", seen.Path);
        Assert.Equal(GatewayHost.TeamKeys["creds/rag-production"], seen.ApiKey);
        Assert.DoesNotContain(seen.Headers, h => h.Value.Contains(token, StringComparison.Ordinal));
        Assert.DoesNotContain(seen.Headers, h => h.Value.Contains("aigw_", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CompleteChatStreaming_AllowedModel_RelaysEveryChunkToTheEnd()
    {
        var (token, _) = await Gateway.IssueTokenAsync("customer-service", "sdk-stream");
        var marker = $"stream-{Guid.NewGuid():N}";
        var client = Gateway.OpenAi(token).GetChatClient("gemini-2.5-flash");

        var text = new System.Text.StringBuilder();
        ChatFinishReason? finish = null;
        await foreach (var update in client.CompleteChatStreamingAsync([new UserChatMessage($"Stream please {marker}")]))
        {
            foreach (var part in update.ContentUpdate)
            {
                text.Append(part.Text);
            }
            finish ??= update.FinishReason;
        }

        Assert.NotEqual(0, text.Length);
        Assert.NotNull(finish);
        var seen = Assert.Single(_fixture.Simulator.ReceivedRequests, r => r.Body.Contains(marker, StringComparison.Ordinal));
        Assert.Contains("\"stream\":true", seen.Body.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal(GatewayHost.TeamKeys["creds/customer-service"], seen.ApiKey);
        Assert.Contains(_fixture.Simulator.ReportedUsage, u => u.Model == "gemini-2.5-flash" && u.Stream && u.CompletionTokens > 0);
    }

    [Fact]
    public async Task GenerateEmbeddings_AllowedModel_ReturnsVectors()
    {
        var (token, _) = await Gateway.IssueTokenAsync("rag", "sdk-embeddings");

        OpenAIEmbeddingCollection embeddings = await Gateway.OpenAi(token).GetEmbeddingClient("text-embedding-3-small")
            .GenerateEmbeddingsAsync(["first passage", "second passage"]);

        Assert.Equal(2, embeddings.Count);
        Assert.True(embeddings[0].ToFloats().Length > 0);
        Assert.NotEqual(embeddings[0].ToFloats().ToArray(), embeddings[1].ToFloats().ToArray());
    }

    [Fact]
    public async Task GetModels_Team_ListsOnlyItsAllowedModels()
    {
        var (token, _) = await Gateway.IssueTokenAsync("rag", "sdk-models");

        var models = (await Gateway.OpenAi(token).GetOpenAIModelClient().GetModelsAsync()).Value.Select(m => m.Id).Order().ToList();

        Assert.Equal(["deepseek-v3.2", "text-embedding-3-small"], models);
    }

    [Fact]
    public async Task GetModel_DisallowedModel_Returns403ModelNotAllowed()
    {
        var (token, _) = await Gateway.IssueTokenAsync("rag", "sdk-model");
        var modelClient = Gateway.OpenAi(token).GetOpenAIModelClient();

        var allowed = await modelClient.GetModelAsync("deepseek-v3.2");
        var error = await Assert.ThrowsAsync<ClientResultException>(() => modelClient.GetModelAsync("gpt-4.1"));

        Assert.Equal("deepseek-v3.2", allowed.Value.Id);
        Assert.Equal(403, error.Status);
        Assert.Contains("model_not_allowed", error.GetRawResponse()!.Content.ToString(), StringComparison.Ordinal);
    }
}

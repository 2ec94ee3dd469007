using System.ClientModel;
using System.Net;
using System.Text.Json;
using OpenAI.Chat;

namespace AiGateway.UpstreamSimulator.Tests;

public sealed class AuthenticationTests : SimulatorTestBase
{
    private const string ChatBody = """{"model":"gpt-4.1","messages":[{"role":"user","content":"Hi"}]}""";

    [Fact]
    public async Task ChatCompletions_MissingKey_Returns401AndIsStillRecorded()
    {
        using var response = await PostJsonAsync("/v1/chat/completions", ChatBody, key: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var error = json.RootElement.GetProperty("error");
        Assert.StartsWith("You didn't provide an API key", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        var recorded = Assert.Single(Sim.ReceivedRequests);
        Assert.Null(recorded.ApiKey);
        Assert.Equal(ChatBody, recorded.Body);
        Assert.Empty(Sim.ReportedUsage);
    }

    [Fact]
    public async Task CompleteChat_UnknownKey_SdkThrows401WithMaskedKey()
    {
        const string Unknown = "sk-unknown-0123456789";

        var ex = await Assert.ThrowsAsync<ClientResultException>(
            () => CreateChatClient(Unknown).CompleteChatAsync([new UserChatMessage("Hi")]));

        Assert.Equal(401, ex.Status);
        var body = ex.GetRawResponse()!.Content.ToString();
        Assert.Contains("Incorrect API key provided: sk-unk***.", body, StringComparison.Ordinal);
        Assert.Contains("\"code\":\"invalid_api_key\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain(Unknown, body, StringComparison.Ordinal);
        Assert.Equal(Unknown, Assert.Single(Sim.ReceivedRequests).ApiKey);
    }

    [Fact]
    public async Task CompleteChat_RevokedKey_SdkThrows401()
    {
        const string Extra = "sk-sim-extra-key-for-revocation";
        var id = Sim.Keys.Add(Extra, "extra");
        ChatCompletion before = await CreateChatClient(Extra).CompleteChatAsync([new UserChatMessage("Hi")]);

        Assert.True(Sim.Keys.Revoke(id));
        var ex = await Assert.ThrowsAsync<ClientResultException>(
            () => CreateChatClient(Extra).CompleteChatAsync([new UserChatMessage("Hi")]));

        Assert.NotNull(before.Id);
        Assert.Equal(401, ex.Status);
        Assert.False(Sim.Keys.IsActive(Extra));
        Assert.Equal(2, Sim.Keys.GetRequestCount(Extra));
    }

    [Fact]
    public async Task ChatCompletions_AdminKey_Returns401OnModelEndpoints()
    {
        using var response = await PostJsonAsync("/v1/chat/completions", ChatBody, AdminKey);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}

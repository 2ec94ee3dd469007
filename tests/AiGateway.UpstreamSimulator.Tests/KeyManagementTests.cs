using System.ClientModel;
using System.Net;
using System.Text.Json;
using OpenAI.Chat;

namespace AiGateway.UpstreamSimulator.Tests;

public sealed class KeyManagementTests : SimulatorTestBase
{
    [Fact]
    public async Task CreateKey_AdminBearer_ReturnsKeyUsableAtOnce()
    {
        using var response = await PostJsonAsync("/v1/keys", """{"name":"rag-production"}""", AdminKey);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        Assert.StartsWith("key_", root.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal("api_key", root.GetProperty("object").GetString());
        Assert.Equal("rag-production", root.GetProperty("name").GetString());
        Assert.True(root.GetProperty("created_at").GetInt64() > 1_700_000_000);
        var key = root.GetProperty("key").GetString()!;
        Assert.Matches("^sk-sim-[0-9A-Za-z]{32}$", key);

        ChatCompletion completion = await CreateChatClient(key).CompleteChatAsync([new UserChatMessage("Hi")]);

        Assert.Equal(16, completion.Usage.OutputTokenCount);
        Assert.True(Sim.Keys.IsActive(key));
    }

    [Fact]
    public async Task DeleteKey_CreatedKey_StopsWorkingAtOnce()
    {
        var (id, key) = await CreateKeyAsync();

        using var delete = await SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"/v1/keys/{id}"), AdminKey);

        Assert.Equal(HttpStatusCode.OK, delete.StatusCode);
        using var json = JsonDocument.Parse(await delete.Content.ReadAsStringAsync());
        Assert.Equal(id, json.RootElement.GetProperty("id").GetString());
        Assert.Equal("api_key.deleted", json.RootElement.GetProperty("object").GetString());
        Assert.True(json.RootElement.GetProperty("deleted").GetBoolean());
        var ex = await Assert.ThrowsAsync<ClientResultException>(
            () => CreateChatClient(key).CompleteChatAsync([new UserChatMessage("Hi")]));
        Assert.Equal(401, ex.Status);
    }

    [Fact]
    public async Task ListKeys_AfterUseAndRevoke_ShowsRedactedStateAndCountsButNeverFullKeys()
    {
        var (id, key) = await CreateKeyAsync();
        await CreateChatClient(key).CompleteChatAsync([new UserChatMessage("Hi")]);
        using (await SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"/v1/keys/{id}"), AdminKey))
        {
        }

        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, "/v1/keys"), AdminKey);
        var body = await response.Content.ReadAsStringAsync();

        Assert.DoesNotContain(key, body, StringComparison.Ordinal);
        Assert.DoesNotContain(DefaultKey, body, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(body);
        Assert.Equal("list", json.RootElement.GetProperty("object").GetString());
        var keys = json.RootElement.GetProperty("data").EnumerateArray().ToDictionary(k => k.GetProperty("id").GetString()!);
        var initial = keys["key_initial_0"];
        Assert.False(initial.GetProperty("revoked").GetBoolean());
        Assert.Equal(0, initial.GetProperty("requests").GetInt64());
        var created = keys[id];
        Assert.True(created.GetProperty("revoked").GetBoolean());
        Assert.Equal(1, created.GetProperty("requests").GetInt64());
        Assert.Equal(string.Concat("sk-sim-…", key.AsSpan(key.Length - 4)), created.GetProperty("redacted_value").GetString());
        Assert.Equal("api_key", created.GetProperty("object").GetString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData(DefaultKey)]
    public async Task KeysApi_WithoutAdminKey_Returns401(string? key)
    {
        using var create = await PostJsonAsync("/v1/keys", "{}", key);
        using var list = await SendAsync(new HttpRequestMessage(HttpMethod.Get, "/v1/keys"), key);

        Assert.Equal(HttpStatusCode.Unauthorized, create.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, list.StatusCode);
        Assert.Single(Sim.Keys.List());
    }

    [Fact]
    public async Task DeleteKey_UnknownId_Returns404()
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/v1/keys/key_missing"), AdminKey);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("invalid_request_error", json.RootElement.GetProperty("error").GetProperty("type").GetString());
    }

    private async Task<(string Id, string Key)> CreateKeyAsync()
    {
        using var response = await PostJsonAsync("/v1/keys", string.Empty, AdminKey);
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (json.RootElement.GetProperty("id").GetString()!, json.RootElement.GetProperty("key").GetString()!);
    }
}

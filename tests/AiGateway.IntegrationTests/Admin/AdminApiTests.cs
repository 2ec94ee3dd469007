using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AiGateway.IntegrationTests.Infrastructure;

namespace AiGateway.IntegrationTests.Admin;

/// <summary>The admin API: its own listener, its own credentials, roles, and secrets shown once.</summary>
public sealed class AdminApiTests : IClassFixture<GatewayFixture>
{
    private readonly GatewayFixture _fixture;

    public AdminApiTests(GatewayFixture fixture) => _fixture = fixture;

    private GatewayHost Gateway => _fixture.Gateway;

    [Fact]
    public async Task CreateToken_ValidRequest_Returns201WithSecretOnceAndListsWithoutIt()
    {
        using var created = await Gateway.Admin.PostAsJsonAsync("/admin/tokens", new { team = "rag", app = "search-bot", expiresInDays = 30 });
        using var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        var token = body.RootElement.GetProperty("token").GetString()!;
        var id = body.RootElement.GetProperty("id").GetString()!;

        var list = await Gateway.Admin.GetStringAsync("/admin/tokens?team=rag");
        var single = await Gateway.Admin.GetStringAsync($"/admin/tokens/{id}");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.StartsWith("aigw_", token, StringComparison.Ordinal);
        Assert.Equal("rag", body.RootElement.GetProperty("team").GetString());
        Assert.Equal("search-bot", body.RootElement.GetProperty("app").GetString());
        var expiresAt = body.RootElement.GetProperty("expiresAt").GetDateTimeOffset();
        Assert.InRange(expiresAt - DateTimeOffset.UtcNow, TimeSpan.FromDays(29.9), TimeSpan.FromDays(30.1));
        Assert.Contains(id, list, StringComparison.Ordinal);
        Assert.DoesNotContain(token, list, StringComparison.Ordinal);
        Assert.DoesNotContain(token, single, StringComparison.Ordinal);
        Assert.DoesNotContain("\"token\"", list, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"team\":\"nope\",\"app\":\"x\"}", "team")]
    [InlineData("{\"team\":\"rag\"}", "app")]
    [InlineData("{\"team\":\"rag\",\"app\":\"bad app name!\"}", "app")]
    [InlineData("{\"team\":\"rag\",\"app\":\"x\",\"expiresInDays\":0}", "expiresInDays")]
    [InlineData("{\"team\":\"rag\",\"app\":\"x\",\"expiresInDays\":100000}", "expiresInDays")]
    [InlineData("{\"team\":\"rag\",\"app\":\"x\",\"expiresInDays\":\"soon\"}", "expiresInDays")]
    [InlineData("{oops", null)]
    public async Task CreateToken_BadRequest_Returns400NamingTheField(string json, string? param)
    {
        using var response = await Gateway.Admin.PostAsync("/admin/tokens", new StringContent(json, MediaTypeHeaderValue.Parse("application/json")));

        var error = await OpenAiErrorAssert.IsErrorAsync(response, HttpStatusCode.BadRequest);
        if (param is not null)
        {
            Assert.Equal(param, error.GetProperty("param").GetString());
        }
    }

    [Fact]
    public async Task AdminApi_MissingOrWrongCredential_Returns401()
    {
        using var anonymous = new HttpClient { BaseAddress = Gateway.AdminUrl };
        using var none = await anonymous.GetAsync("/admin/tokens");
        anonymous.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", GatewayHost.AdminToken + "x");
        using var wrong = await anonymous.GetAsync("/admin/tokens");

        await OpenAiErrorAssert.IsErrorAsync(none, HttpStatusCode.Unauthorized, "invalid_admin_credential");
        await OpenAiErrorAssert.IsErrorAsync(wrong, HttpStatusCode.Unauthorized, "invalid_admin_credential");
    }

    [Fact]
    public async Task Listeners_AdminPathOnProxyPortAndProxyPathOnAdminPort_Return404()
    {
        using var adminOnProxy = new HttpRequestMessage(HttpMethod.Get, new Uri(Gateway.ProxyUrl, "/admin/tokens"));
        adminOnProxy.Headers.Authorization = new AuthenticationHeaderValue("Bearer", GatewayHost.AdminToken);
        using var adminOnProxyResponse = await Gateway.Http.SendAsync(adminOnProxy);
        var (token, _) = await Gateway.IssueTokenAsync("rag", "wrong-port");
        using var proxyOnAdmin = new HttpRequestMessage(HttpMethod.Get, new Uri(Gateway.AdminUrl, "/v1/models"));
        proxyOnAdmin.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var proxyOnAdminResponse = await Gateway.Http.SendAsync(proxyOnAdmin);

        await OpenAiErrorAssert.IsErrorAsync(adminOnProxyResponse, HttpStatusCode.NotFound, "unknown_url");
        await OpenAiErrorAssert.IsErrorAsync(proxyOnAdminResponse, HttpStatusCode.NotFound, "unknown_url");
        Assert.NotEqual(Gateway.ProxyUrl.Port, Gateway.AdminUrl.Port);
    }

    [Fact]
    public async Task TeamAdmin_ManagesOwnTeamOnly()
    {
        using var teamAdmin = await CredentialClientAsync("rag-lead", "team-admin", "rag");
        var (otherToken, otherId) = await Gateway.IssueTokenAsync("analytics", "not-yours");

        using var own = await teamAdmin.PostAsJsonAsync("/admin/tokens", new { team = "rag", app = "own-app" });
        using var foreign = await teamAdmin.PostAsJsonAsync("/admin/tokens", new { team = "analytics", app = "foreign-app" });
        using var revokeForeign = await teamAdmin.DeleteAsync($"/admin/tokens/{otherId}");
        var listed = await teamAdmin.GetStringAsync("/admin/tokens");
        using var listForeign = await teamAdmin.GetAsync("/admin/tokens?team=analytics");

        Assert.Equal(HttpStatusCode.Created, own.StatusCode);
        await OpenAiErrorAssert.IsErrorAsync(foreign, HttpStatusCode.Forbidden);
        await OpenAiErrorAssert.IsErrorAsync(revokeForeign, HttpStatusCode.NotFound);
        await OpenAiErrorAssert.IsErrorAsync(listForeign, HttpStatusCode.Forbidden);
        Assert.DoesNotContain(otherId, listed, StringComparison.Ordinal);
        Assert.DoesNotContain("\"team\":\"analytics\"", listed, StringComparison.Ordinal);
        using var stillWorks = await Gateway.Http.SendAsync(Gateway.Request(HttpMethod.Get, "/v1/models", otherToken));
        Assert.Equal(HttpStatusCode.OK, stillWorks.StatusCode);
    }

    [Theory]
    [InlineData("viewer")]
    [InlineData("finance")]
    public async Task ReadOnlyRoles_CanListButNotIssueOrRevoke(string role)
    {
        using var client = await CredentialClientAsync($"{role}-user", role, null);
        var (_, id) = await Gateway.IssueTokenAsync("rag", $"{role}-target");

        using var list = await client.GetAsync("/admin/tokens");
        using var create = await client.PostAsJsonAsync("/admin/tokens", new { team = "rag", app = "nope" });
        using var revoke = await client.DeleteAsync($"/admin/tokens/{id}");
        using var credentials = await client.GetAsync("/admin/credentials");

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        await OpenAiErrorAssert.IsErrorAsync(create, HttpStatusCode.Forbidden, "insufficient_role");
        await OpenAiErrorAssert.IsErrorAsync(revoke, HttpStatusCode.Forbidden, "insufficient_role");
        await OpenAiErrorAssert.IsErrorAsync(credentials, HttpStatusCode.Forbidden, "insufficient_role");
    }

    [Fact]
    public async Task Credential_Revoked_StopsWorking()
    {
        using var created = await Gateway.Admin.PostAsJsonAsync("/admin/credentials", new { name = "temp", role = "viewer" });
        using var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        var secret = body.RootElement.GetProperty("token").GetString()!;
        var id = body.RootElement.GetProperty("id").GetString()!;
        using var client = new HttpClient { BaseAddress = Gateway.AdminUrl };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);

        using var before = await client.GetAsync("/admin/whoami");
        using var revoke = await Gateway.Admin.DeleteAsync($"/admin/credentials/{id}");
        using var after = await client.GetAsync("/admin/whoami");
        var listed = await Gateway.Admin.GetStringAsync("/admin/credentials");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.DoesNotContain(secret, listed, StringComparison.Ordinal);
        Assert.True(Gateway.Logs.Contains($"action=credential.revoke target={id} outcome=ok"));
    }

    [Fact]
    public async Task Policies_Listing_ShowsTeamsAndWhetherTheirKeyIsLoaded()
    {
        var json = await Gateway.Admin.GetStringAsync("/admin/policies");
        using var document = JsonDocument.Parse(json);

        var teams = document.RootElement.GetProperty("data").EnumerateArray().ToDictionary(
            t => t.GetProperty("team").GetString()!, t => t.GetProperty("upstreamKeyLoaded").GetBoolean());
        Assert.Equal(new Dictionary<string, bool> { ["analytics"] = true, ["customer-service"] = true, ["rag"] = true }, teams);
        Assert.All(GatewayHost.TeamKeys.Values, key => Assert.DoesNotContain(key, json, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ScopedToken_CallsOnlyItsScopes()
    {
        using var created = await Gateway.Admin.PostAsJsonAsync("/admin/tokens", new { team = "rag", app = "indexer", scopes = new[] { "embeddings" } });
        using var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        var token = body.RootElement.GetProperty("token").GetString()!;
        using var outsideTeam = await Gateway.Admin.PostAsJsonAsync("/admin/tokens", new { team = "rag", app = "greedy", scopes = new[] { "completions" } });
        using var unknownScope = await Gateway.Admin.PostAsJsonAsync("/admin/tokens", new { team = "rag", app = "odd", scopes = new[] { "images" } });

        using var embeddings = await Gateway.Http.SendAsync(Gateway.Request(HttpMethod.Post, "/v1/embeddings", token,
            "{\"model\":\"text-embedding-3-small\",\"input\":\"x\"}"));
        using var chat = await Gateway.Http.SendAsync(Gateway.Request(HttpMethod.Post, "/v1/chat/completions", token,
            "{\"model\":\"deepseek-v3.2\",\"messages\":[]}"));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(["embeddings"], body.RootElement.GetProperty("scopes").EnumerateArray().Select(e => e.GetString()!).ToArray());
        await OpenAiErrorAssert.IsErrorAsync(outsideTeam, HttpStatusCode.BadRequest, param: "scopes");
        await OpenAiErrorAssert.IsErrorAsync(unknownScope, HttpStatusCode.BadRequest, param: "scopes");
        Assert.Equal(HttpStatusCode.OK, embeddings.StatusCode);
        await OpenAiErrorAssert.IsErrorAsync(chat, HttpStatusCode.Forbidden, "endpoint_not_allowed");
    }

    [Fact]
    public async Task LookupBySecret_LeakedToken_FindsItsIdSoItCanBeRevoked()
    {
        var (token, id) = await Gateway.IssueTokenAsync("customer-service", "leaky-app");

        using var found = await Gateway.Admin.PostAsJsonAsync("/admin/tokens/lookup", new { token });
        using var unknown = await Gateway.Admin.PostAsJsonAsync("/admin/tokens/lookup", new { token = "aigw_ZOq0lZTHBZsN4xW3QywongCSTbExFp4KwOIM" });
        using var malformed = await Gateway.Admin.PostAsJsonAsync("/admin/tokens/lookup", new { token = "sk-whatever" });

        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        using var body = JsonDocument.Parse(await found.Content.ReadAsStringAsync());
        Assert.Equal(id, body.RootElement.GetProperty("id").GetString());
        Assert.Equal("leaky-app", body.RootElement.GetProperty("app").GetString());
        await OpenAiErrorAssert.IsErrorAsync(unknown, HttpStatusCode.NotFound);
        await OpenAiErrorAssert.IsErrorAsync(malformed, HttpStatusCode.BadRequest, param: "token");
        Assert.False(Gateway.Logs.Contains(token));
    }

    private async Task<HttpClient> CredentialClientAsync(string name, string role, string? team)
    {
        using var created = await Gateway.Admin.PostAsJsonAsync("/admin/credentials", new { name, role, team });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        var client = new HttpClient { BaseAddress = Gateway.AdminUrl };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body.RootElement.GetProperty("token").GetString());
        return client;
    }
}

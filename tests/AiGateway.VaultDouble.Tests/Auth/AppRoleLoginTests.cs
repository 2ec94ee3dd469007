namespace AiGateway.VaultDouble.Tests;

/// <summary>WIRE-FACTS A.1: AppRole login, its errors, and SecretID use limits.</summary>
public sealed class AppRoleLoginTests
{
    [Fact]
    public async Task Login_NullSecretId_ParsedAndAnsweredMissingSecretId()
    {
        await using var vault = await VaultTestDouble.StartAsync();
        var (roleId, _) = vault.CreateAppRole("gateway", ["gateway"], TimeSpan.FromHours(1));
        using var client = new VaultTestClient(vault);

        // hvac sends "secret_id": null when the caller gives none (A.1): valid JSON, then the role demands a SecretID.
        var reply = await client.PostAsync("v1/auth/approle/login", null, $$"""{"role_id":"{{roleId}}","secret_id":null}""");

        Assert.Equal(400, reply.Code);
        Assert.Equal("missing secret_id", reply.SingleError);
    }

    [Theory]
    [InlineData("""{"secret_id":"s"}""", "missing role_id")]
    [InlineData("""{"role_id":"","secret_id":"s"}""", "missing role_id")]
    [InlineData("{}", "missing role_id")]
    [InlineData("""{"role_id":"no-such-role","secret_id":"s"}""", "invalid role or secret ID")]
    public async Task Login_BadRequest_Returns400WithVaultText(string body, string expected)
    {
        await using var vault = await VaultTestDouble.StartAsync();
        vault.CreateAppRole("gateway", ["gateway"], TimeSpan.FromHours(1));
        using var client = new VaultTestClient(vault);

        var reply = await client.PostAsync("v1/auth/approle/login", null, body);

        Assert.Equal(400, reply.Code);
        Assert.Equal(expected, reply.SingleError);
    }

    [Fact]
    public async Task Login_WrongSecretId_Returns400InvalidRoleOrSecretId()
    {
        await using var vault = await VaultTestDouble.StartAsync();
        var (roleId, _) = vault.CreateAppRole("gateway", ["gateway"], TimeSpan.FromHours(1));
        var (_, otherSecret) = vault.CreateAppRole("other", ["other"], TimeSpan.FromHours(1));
        using var client = new VaultTestClient(vault);

        var reply = await client.PostAsync("v1/auth/approle/login", null, $$"""{"role_id":"{{roleId}}","secret_id":"{{otherSecret}}"}""");

        Assert.Equal(400, reply.Code);
        Assert.Equal("invalid role or secret ID", reply.SingleError);
    }

    [Fact]
    public async Task Login_SecretIdWithUseLimit_RefusedOnceUsedUp()
    {
        await using var vault = await VaultTestDouble.StartAsync();
        var (roleId, secretId) = vault.CreateAppRole("gateway", ["gateway"], TimeSpan.FromHours(1), secretIdNumUses: 2);
        using var client = new VaultTestClient(vault);
        var body = $$"""{"role_id":"{{roleId}}","secret_id":"{{secretId}}"}""";

        var first = await client.PostAsync("v1/auth/approle/login", null, body);
        var second = await client.PostAsync("v1/auth/approle/login", null, body);
        var third = await client.PostAsync("v1/auth/approle/login", null, body);

        Assert.Equal(200, first.Code);
        Assert.Equal(200, second.Code);
        Assert.Equal(400, third.Code);
        Assert.Equal("invalid role or secret ID", third.SingleError);
    }

    [Fact]
    public async Task Login_IssuedToken_LooksUpWithRoleMetadataAndLoginPath()
    {
        await using var vault = await VaultTestDouble.StartAsync(new VaultDoubleOptions { AppRoleMount = "ai-approle" });
        var (roleId, secretId) = vault.CreateAppRole("gateway", ["gateway"], TimeSpan.FromMinutes(20), TimeSpan.FromHours(2));
        using var client = new VaultTestClient(vault);

        var login = await client.PostAsync("v1/auth/ai-approle/login", null, $$"""{"role_id":"{{roleId}}","secret_id":"{{secretId}}"}""");
        var token = login.Json["auth"]!["client_token"]!.GetValue<string>();
        var data = (await client.GetAsync("v1/auth/token/lookup-self", token)).Json["data"]!;

        Assert.Equal(1200, login.Json["auth"]!["lease_duration"]!.GetValue<int>());
        Assert.Equal("auth/ai-approle/login", data["path"]!.GetValue<string>());
        Assert.Equal("ai-approle", data["display_name"]!.GetValue<string>());
        Assert.Equal("gateway", data["meta"]!["role_name"]!.GetValue<string>());
        Assert.True(data["orphan"]!.GetValue<bool>());
        Assert.Equal(login.Json["auth"]!["entity_id"]!.GetValue<string>(), data["entity_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task CreateAppRole_SameRoleTwice_KeepsRoleIdAndBothSecretIdsWork()
    {
        await using var vault = await VaultTestDouble.StartAsync();
        var (roleId1, secret1) = vault.CreateAppRole("gateway", ["gateway"], TimeSpan.FromHours(1));
        var (roleId2, secret2) = vault.CreateAppRole("gateway", ["gateway"], TimeSpan.FromHours(1));
        using var client = new VaultTestClient(vault);

        var first = await client.PostAsync("v1/auth/approle/login", null, $$"""{"role_id":"{{roleId1}}","secret_id":"{{secret1}}"}""");
        var second = await client.PostAsync("v1/auth/approle/login", null, $$"""{"role_id":"{{roleId2}}","secret_id":"{{secret2}}"}""");

        Assert.Equal(roleId1, roleId2);
        Assert.NotEqual(secret1, secret2);
        Assert.Equal(200, first.Code);
        Assert.Equal(200, second.Code);
    }
}

namespace AiGateway.VaultDouble.Tests;

/// <summary>WIRE-FACTS A.2: lookup-self and renew-self against a clock the test moves.</summary>
public sealed class TokenTtlTests
{
    [Fact]
    public async Task LookupSelf_ClockAdvances_TtlCountsDown()
    {
        var clock = TestClock.Create();
        await using var vault = await VaultTestDouble.StartAsync(time: clock);
        var token = vault.CreateToken(["gateway"], TimeSpan.FromHours(1));
        using var client = new VaultTestClient(vault);

        var fresh = await client.GetAsync("v1/auth/token/lookup-self", token);
        clock.Advance(TimeSpan.FromSeconds(188));
        var later = await client.GetAsync("v1/auth/token/lookup-self", token);

        Assert.Equal(3600, fresh.Json["data"]!["ttl"]!.GetValue<int>());
        Assert.Equal(3412, later.Json["data"]!["ttl"]!.GetValue<int>());
        Assert.Equal(3600, later.Json["data"]!["creation_ttl"]!.GetValue<int>());
    }

    [Fact]
    public async Task Request_TokenPastItsTtl_Returns403InvalidToken()
    {
        var clock = TestClock.Create();
        await using var vault = await VaultTestDouble.StartAsync(time: clock);
        var token = vault.CreateToken(["gateway"], TimeSpan.FromMinutes(10));
        using var client = new VaultTestClient(vault);

        clock.Advance(TimeSpan.FromMinutes(10));
        var reply = await client.GetAsync("v1/auth/token/lookup-self", token);

        Assert.Equal(403, reply.Code);
        Assert.Contains("invalid token", reply.SingleError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RenewSelf_WithinMaxTtl_ExtendsFromNowWithoutWarning()
    {
        var clock = TestClock.Create();
        await using var vault = await VaultTestDouble.StartAsync(time: clock);
        var token = vault.CreateToken(["gateway"], TimeSpan.FromMinutes(30), maxTtl: TimeSpan.FromHours(4));
        using var client = new VaultTestClient(vault);
        clock.Advance(TimeSpan.FromMinutes(20));

        var renew = await client.PostAsync("v1/auth/token/renew-self", token, """{"increment":"1h"}""");
        clock.Advance(TimeSpan.FromMinutes(50));
        var lookup = await client.GetAsync("v1/auth/token/lookup-self", token);

        Assert.Equal(200, renew.Code);
        Json.AssertNullProperty(renew.Json, "data");
        Json.AssertNullProperty(renew.Json, "warnings");
        Assert.Equal(3600, renew.Json["auth"]!["lease_duration"]!.GetValue<int>());
        Assert.Equal(token, renew.Json["auth"]!["client_token"]!.GetValue<string>());
        Assert.Equal(600, lookup.Json["data"]!["ttl"]!.GetValue<int>());
        Assert.Equal("2025-05-20T10:33:20Z", lookup.Json["data"]!["last_renewal"]!.GetValue<string>());
        Assert.Equal(4 * 3600, lookup.Json["data"]!["explicit_max_ttl"]!.GetValue<int>());
    }

    [Fact]
    public async Task RenewSelf_IncrementPastMaxTtl_CapsTtlAndAddsWarning()
    {
        var clock = TestClock.Create();
        await using var vault = await VaultTestDouble.StartAsync(time: clock);
        var token = vault.CreateToken(["gateway"], TimeSpan.FromHours(1), maxTtl: TimeSpan.FromHours(1));
        using var client = new VaultTestClient(vault);
        clock.Advance(TimeSpan.FromMinutes(50));

        var renew = await client.PostAsync("v1/auth/token/renew-self", token, """{"increment":3600}""");

        Assert.Equal(200, renew.Code);
        Assert.Equal(600, renew.Json["auth"]!["lease_duration"]!.GetValue<int>());
        var warning = Assert.Single(Json.Strings(renew.Json["warnings"]));
        Assert.Equal("TTL of \"1h0m0s\" exceeded the effective max_ttl of \"10m0s\"; TTL value is capped accordingly", warning);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{}")]
    [InlineData("""{"increment":null}""")]
    public async Task RenewSelf_NoIncrement_RenewsForTheOriginalTtl(string body)
    {
        var clock = TestClock.Create();
        await using var vault = await VaultTestDouble.StartAsync(time: clock);
        var (roleId, secretId) = vault.CreateAppRole("gateway", ["gateway"], TimeSpan.FromMinutes(15));
        using var client = new VaultTestClient(vault);
        var login = await client.PostAsync("v1/auth/approle/login", null, $$"""{"role_id":"{{roleId}}","secret_id":"{{secretId}}"}""");
        var token = login.Json["auth"]!["client_token"]!.GetValue<string>();
        clock.Advance(TimeSpan.FromMinutes(10));

        var renew = await client.PostAsync("v1/auth/token/renew-self", token, body);

        Assert.Equal(200, renew.Code);
        Assert.Equal(900, renew.Json["auth"]!["lease_duration"]!.GetValue<int>());
        Assert.Equal("gateway", renew.Json["auth"]!["metadata"]!["role_name"]!.GetValue<string>());
    }

    [Fact]
    public async Task RenewSelf_NonRenewableToken_Returns400()
    {
        await using var vault = await VaultTestDouble.StartAsync();
        var token = vault.CreateToken(["gateway"], TimeSpan.FromHours(1), renewable: false);
        using var client = new VaultTestClient(vault);

        var reply = await client.PostAsync("v1/auth/token/renew-self", token, "{}");

        Assert.Equal(400, reply.Code);
        Assert.Equal("lease is not renewable", reply.SingleError);
    }

    [Fact]
    public async Task RenewSelf_ExpiredToken_Returns403()
    {
        var clock = TestClock.Create();
        await using var vault = await VaultTestDouble.StartAsync(time: clock);
        var token = vault.CreateToken(["gateway"], TimeSpan.FromMinutes(1));
        using var client = new VaultTestClient(vault);
        clock.Advance(TimeSpan.FromMinutes(2));

        var reply = await client.PostAsync("v1/auth/token/renew-self", token, "{}");

        Assert.Equal(403, reply.Code);
    }

    [Fact]
    public async Task RenewSelf_MalformedIncrement_Returns400()
    {
        await using var vault = await VaultTestDouble.StartAsync();
        var token = vault.CreateToken(["gateway"], TimeSpan.FromHours(1));
        using var client = new VaultTestClient(vault);

        var reply = await client.PostAsync("v1/auth/token/renew-self", token, """{"increment":"soon"}""");

        Assert.Equal(400, reply.Code);
    }

    [Fact]
    public async Task RevokeToken_ThenUse_Returns403()
    {
        await using var vault = await VaultTestDouble.StartAsync();
        var token = vault.CreateToken(["gateway"], TimeSpan.FromHours(1));
        using var client = new VaultTestClient(vault);

        vault.RevokeToken(token);
        var reply = await client.GetAsync("v1/auth/token/lookup-self", token);

        Assert.Equal(403, reply.Code);
    }

    [Fact]
    public async Task RevokeSelf_ValidToken_Returns204AndInvalidatesIt()
    {
        await using var vault = await VaultTestDouble.StartAsync();
        var token = vault.CreateToken(["gateway"], TimeSpan.FromHours(1));
        using var client = new VaultTestClient(vault);

        var revoke = await client.PostAsync("v1/auth/token/revoke-self", token, null);
        var after = await client.GetAsync("v1/auth/token/lookup-self", token);

        Assert.Equal(204, revoke.Code);
        Assert.Equal(403, after.Code);
    }

    [Fact]
    public async Task CreateToken_NonPositiveTtl_Throws()
    {
        await using var vault = await VaultTestDouble.StartAsync();

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => vault.CreateToken(["x"], TimeSpan.Zero));

        Assert.Equal("ttl", error.ParamName);
    }

    [Fact]
    public async Task CreateToken_DefaultPolicy_AlwaysAttachedAndSorted()
    {
        await using var vault = await VaultTestDouble.StartAsync();
        var token = vault.CreateToken(["zeta", "Alpha", "zeta"], TimeSpan.FromHours(1));
        using var client = new VaultTestClient(vault);

        var data = (await client.GetAsync("v1/auth/token/lookup-self", token)).Json["data"]!;

        Assert.Equal(["alpha", "default", "zeta"], Json.Strings(data["policies"]));
        Assert.Equal("auth/token/create", data["path"]!.GetValue<string>());
    }
}

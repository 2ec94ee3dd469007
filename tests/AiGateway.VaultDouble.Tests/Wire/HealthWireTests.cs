namespace AiGateway.VaultDouble.Tests;

/// <summary>WIRE-FACTS A.5: <c>sys/health</c> codes, query overrides and body; the seal everywhere else.</summary>
public sealed class HealthWireTests
{
    [Fact]
    public async Task Health_Unsealed_Returns200WithBodyFields()
    {
        await using var vault = await VaultTestDouble.StartAsync(time: TestClock.Create());
        using var client = new VaultTestClient(vault);

        var reply = await client.GetAsync("v1/sys/health");

        Assert.Equal(200, reply.Code);
        var json = reply.Json;
        Assert.True(json["initialized"]!.GetValue<bool>());
        Assert.False(json["sealed"]!.GetValue<bool>());
        Assert.False(json["standby"]!.GetValue<bool>());
        Assert.False(json["performance_standby"]!.GetValue<bool>());
        Assert.Equal("disabled", json["replication_performance_mode"]!.GetValue<string>());
        Assert.Equal("disabled", json["replication_dr_mode"]!.GetValue<string>());
        Assert.Equal(TestClock.Start.ToUnixTimeSeconds(), json["server_time_utc"]!.GetValue<long>());
        Assert.Matches(@"^\d+\.\d+\.\d+$", json["version"]!.GetValue<string>());
        Assert.NotNull(json["cluster_name"]);
        Assert.NotNull(json["cluster_id"]);
    }

    [Fact]
    public async Task Health_Sealed_Returns503SealedTrueWithoutClusterIdentity()
    {
        await using var vault = await VaultTestDouble.StartAsync();
        vault.Sealed = true;
        using var client = new VaultTestClient(vault);

        var reply = await client.GetAsync("v1/sys/health");

        Assert.Equal(503, reply.Code);
        Assert.True(reply.Json["sealed"]!.GetValue<bool>());
        Assert.False(reply.Json.AsObject().ContainsKey("cluster_name"));
        Assert.False(reply.Json.AsObject().ContainsKey("cluster_id"));
    }

    [Theory]
    [InlineData(false, "activecode=204", 204)]
    [InlineData(false, "standbyok=true&sealedcode=299", 200)]
    [InlineData(true, "sealedcode=200", 200)]
    [InlineData(true, "activecode=204", 503)]
    [InlineData(false, "activecode=abc", 400)]
    [InlineData(false, "sealedcode=", 400)]
    public async Task Health_CodeOverrides_ChooseTheStatus(bool isSealed, string query, int expected)
    {
        await using var vault = await VaultTestDouble.StartAsync();
        vault.Sealed = isSealed;
        using var client = new VaultTestClient(vault);

        var reply = await client.GetAsync("v1/sys/health?" + query);

        Assert.Equal(expected, reply.Code);
        if (expected == 400)
        {
            Assert.Equal("""{"errors":[]}""", reply.Body);
        }
    }

    [Fact]
    public async Task Health_Head_ReturnsStatusWithoutBody()
    {
        await using var vault = await VaultTestDouble.StartAsync();
        vault.Sealed = true;
        using var client = new VaultTestClient(vault);

        var reply = await client.SendAsync("HEAD", "v1/sys/health");

        Assert.Equal(503, reply.Code);
        Assert.Equal("", reply.Body);
    }

    [Theory]
    [InlineData("GET", "v1/auth/token/lookup-self")]
    [InlineData("GET", "v1/holysheepai/data/creds/x")]
    [InlineData("POST", "v1/auth/approle/login")]
    [InlineData("GET", "v1/no/such/path")]
    public async Task Sealed_AnyOtherPath_Returns503VaultIsSealed(string method, string path)
    {
        await using var vault = await VaultTestDouble.StartAsync();
        vault.Sealed = true;
        using var client = new VaultTestClient(vault);

        var reply = await client.SendAsync(method, path, vault.RootToken, method == "POST" ? "{}" : null);

        Assert.Equal(503, reply.Code);
        Assert.Equal("""{"errors":["Vault is sealed"]}""", reply.Body);
    }

    [Fact]
    public async Task Sealed_ThenUnsealed_ServesAgain()
    {
        await using var vault = await VaultTestDouble.StartAsync();
        using var client = new VaultTestClient(vault);
        vault.Sealed = true;
        var whileSealed = await client.GetAsync("v1/auth/token/lookup-self", vault.RootToken);

        vault.Sealed = false;
        var afterwards = await client.GetAsync("v1/auth/token/lookup-self", vault.RootToken);

        Assert.Equal(503, whileSealed.Code);
        Assert.Equal(200, afterwards.Code);
    }
}

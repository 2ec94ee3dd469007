namespace AiGateway.VaultDouble.Tests;

/// <summary>WIRE-FACTS A.3: KV v2 data reads, writes with check-and-set, and the two kinds of 404.</summary>
public sealed class KvDataTests
{
    private static readonly Dictionary<string, string> Key1 = new() { ["api_key"] = "sk-1", ["key_id"] = "k1" };
    private static readonly Dictionary<string, string> Key2 = new() { ["api_key"] = "sk-2", ["key_id"] = "k2" };

    [Fact]
    public async Task Read_SpecificVersion_ReturnsThatVersion()
    {
        await using var vault = await VaultTestDouble.StartAsync();
        vault.WriteSecret("holysheepai", "creds/rag", Key1);
        vault.WriteSecret("holysheepai", "creds/rag", Key2);
        using var client = new VaultTestClient(vault);

        var v1 = await client.GetAsync("v1/holysheepai/data/creds/rag?version=1", vault.RootToken);
        var latest = await client.GetAsync("v1/holysheepai/data/creds/rag", vault.RootToken);
        var zero = await client.GetAsync("v1/holysheepai/data/creds/rag?version=0", vault.RootToken);

        Assert.Equal("sk-1", v1.Json["data"]!["data"]!["api_key"]!.GetValue<string>());
        Assert.Equal(1, v1.Json["data"]!["metadata"]!["version"]!.GetValue<int>());
        Assert.Equal("sk-2", latest.Json["data"]!["data"]!["api_key"]!.GetValue<string>());
        Assert.Equal(2, zero.Json["data"]!["metadata"]!["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task Read_VersionThatDoesNotExist_Returns404EmptyErrors()
    {
        await using var vault = await VaultTestDouble.StartAsync();
        vault.WriteSecret("holysheepai", "creds/rag", Key1);
        using var client = new VaultTestClient(vault);

        var reply = await client.GetAsync("v1/holysheepai/data/creds/rag?version=7", vault.RootToken);

        Assert.Equal(404, reply.Code);
        Assert.Equal("""{"errors":[]}""", reply.Body);
    }

    [Fact]
    public async Task Read_SoftDeletedVersion_Returns404WithFullEnvelopeAndDeletionTime()
    {
        var clock = TestClock.Create();
        await using var vault = await VaultTestDouble.StartAsync(time: clock);
        vault.WriteSecret("holysheepai", "creds/rag", Key1);
        using var client = new VaultTestClient(vault);
        clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(204, (await client.DeleteAsync("v1/holysheepai/data/creds/rag", vault.RootToken)).Code);

        var reply = await client.GetAsync("v1/holysheepai/data/creds/rag", vault.RootToken);

        Assert.Equal(404, reply.Code);
        var json = reply.Json;
        Assert.Equal(
            ["request_id", "lease_id", "renewable", "lease_duration", "data", "wrap_info", "warnings", "auth", "mount_type"],
            Json.Keys(json));
        Json.AssertNullProperty(json["data"], "data");
        var metadata = json["data"]!["metadata"]!;
        Assert.Equal("2025-05-20T10:18:20Z", metadata["deletion_time"]!.GetValue<string>());
        Assert.False(metadata["destroyed"]!.GetValue<bool>());
        Assert.Equal(1, metadata["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task Read_DestroyedVersion_Returns404WithDestroyedTrue()
    {
        await using var vault = await VaultTestDouble.StartAsync();
        vault.WriteSecret("holysheepai", "creds/rag", Key1);
        vault.WriteSecret("holysheepai", "creds/rag", Key2);
        using var client = new VaultTestClient(vault);

        var destroy = await client.PostAsync("v1/holysheepai/destroy/creds/rag", vault.RootToken, """{"versions":[1]}""");
        var v1 = await client.GetAsync("v1/holysheepai/data/creds/rag?version=1", vault.RootToken);
        var v2 = await client.GetAsync("v1/holysheepai/data/creds/rag?version=2", vault.RootToken);

        Assert.Equal(204, destroy.Code);
        Assert.Equal(404, v1.Code);
        Assert.True(v1.Json["data"]!["metadata"]!["destroyed"]!.GetValue<bool>());
        Assert.Equal("", v1.Json["data"]!["metadata"]!["deletion_time"]!.GetValue<string>());
        Assert.Equal(200, v2.Code);
    }

    [Fact]
    public async Task Read_DeletionTimeInTheFuture_StillReturnsDataUntilItPasses()
    {
        var clock = TestClock.Create();
        await using var vault = await VaultTestDouble.StartAsync(time: clock);
        using var client = new VaultTestClient(vault);
        await client.PostAsync("v1/holysheepai/metadata/creds/temp", vault.RootToken, """{"delete_version_after":"1h"}""");
        await client.PostAsync("v1/holysheepai/data/creds/temp", vault.RootToken, """{"data":{"k":"v"}}""");

        var before = await client.GetAsync("v1/holysheepai/data/creds/temp", vault.RootToken);
        clock.Advance(TimeSpan.FromHours(1));
        var after = await client.GetAsync("v1/holysheepai/data/creds/temp", vault.RootToken);

        Assert.Equal(200, before.Code);
        Assert.Equal("2025-05-20T11:13:20Z", before.Json["data"]!["metadata"]!["deletion_time"]!.GetValue<string>());
        Assert.Equal(404, after.Code);
    }

    [Fact]
    public async Task Write_CasMatchesCurrentVersion_CreatesNextVersion()
    {
        await using var vault = await VaultTestDouble.StartAsync();
        using var client = new VaultTestClient(vault);

        var first = await client.PostAsync("v1/holysheepai/data/creds/rag", vault.RootToken, """{"options":{"cas":0},"data":{"api_key":"sk-1"}}""");
        var second = await client.SendAsync("PUT", "v1/holysheepai/data/creds/rag", vault.RootToken, """{"options":{"cas":1},"data":{"api_key":"sk-2"}}""");

        Assert.Equal(1, first.Json["data"]!["version"]!.GetValue<int>());
        Assert.Equal(2, second.Json["data"]!["version"]!.GetValue<int>());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public async Task Write_CasMismatch_Returns400WithExactText(int cas)
    {
        await using var vault = await VaultTestDouble.StartAsync();
        vault.WriteSecret("holysheepai", "creds/rag", Key1);
        using var client = new VaultTestClient(vault);

        var reply = await client.PostAsync("v1/holysheepai/data/creds/rag", vault.RootToken, """{"options":{"cas":""" + cas + """},"data":{"api_key":"sk-x"}}""");

        Assert.Equal(400, reply.Code);
        Assert.Equal("""{"errors":["check-and-set parameter did not match the current version"]}""", reply.Body);
    }

    [Fact]
    public async Task Write_CasRequiredButMissing_Returns400CasRequired()
    {
        await using var vault = await VaultTestDouble.StartAsync();
        vault.WriteSecret("holysheepai", "creds/rag", Key1);
        using var client = new VaultTestClient(vault);
        await client.PostAsync("v1/holysheepai/metadata/creds/rag", vault.RootToken, """{"cas_required":true}""");

        var reply = await client.PostAsync("v1/holysheepai/data/creds/rag", vault.RootToken, """{"data":{"api_key":"sk-x"}}""");

        Assert.Equal(400, reply.Code);
        Assert.Equal("check-and-set parameter required for this call", reply.SingleError);
    }

    [Theory]
    [InlineData("""{"options":{"cas":0}}""")]
    [InlineData("""{"data":null}""")]
    [InlineData("")]
    public async Task Write_NoData_Returns400NoDataProvided(string body)
    {
        await using var vault = await VaultTestDouble.StartAsync();
        using var client = new VaultTestClient(vault);

        var reply = await client.PostAsync("v1/holysheepai/data/creds/rag", vault.RootToken, body);

        Assert.Equal(400, reply.Code);
        Assert.Equal("no data provided", reply.SingleError);
    }

    [Fact]
    public async Task Write_NonStringValues_RoundTripAsJson()
    {
        await using var vault = await VaultTestDouble.StartAsync();
        using var client = new VaultTestClient(vault);

        await client.PostAsync("v1/holysheepai/data/app/config", vault.RootToken, """{"data":{"n":42,"on":true,"list":["a"],"obj":{"x":"y"}}}""");
        var data = (await client.GetAsync("v1/holysheepai/data/app/config", vault.RootToken)).Json["data"]!["data"]!;

        Assert.Equal(42, data["n"]!.GetValue<int>());
        Assert.True(data["on"]!.GetValue<bool>());
        Assert.Equal("y", data["obj"]!["x"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("GET", "get")]
    [InlineData("POST", "put")]
    [InlineData("LIST", "list")]
    [InlineData("DELETE", "delete")]
    public async Task V1StylePath_OnV2Mount_Returns404EnvelopeWithWarning(string method, string subCommand)
    {
        await using var vault = await VaultTestDouble.StartAsync();
        using var client = new VaultTestClient(vault);

        var reply = await client.SendAsync(method, "v1/holysheepai/creds/rag", vault.RootToken, method == "POST" ? """{"api_key":"x"}""" : null);

        Assert.Equal(404, reply.Code);
        Json.AssertNullProperty(reply.Json, "data");
        var warning = Assert.Single(Json.Strings(reply.Json["warnings"]));
        Assert.Equal(
            "Invalid path for a versioned K/V secrets engine. See the API docs for the appropriate API endpoints to use. "
            + $"If using the Vault CLI, use 'vault kv {subCommand}' for this operation.",
            warning);
    }

    [Fact]
    public async Task Write_DataPathWithTrailingSlash_AnsweredAsInvalidPathAndWritesNothing()
    {
        await using var vault = await VaultTestDouble.StartAsync();
        using var client = new VaultTestClient(vault);

        var reply = await client.PostAsync("v1/holysheepai/data/creds/", vault.RootToken, """{"data":{"k":"v"}}""");
        var list = await client.ListAsync("v1/holysheepai/metadata/", vault.RootToken);

        Assert.Equal(404, reply.Code);
        Assert.Contains("'vault kv put'", Assert.Single(Json.Strings(reply.Json["warnings"])), StringComparison.Ordinal);
        Assert.Equal(404, list.Code);
    }

    [Fact]
    public async Task DeleteLatest_ThenUndelete_RestoresTheVersion()
    {
        await using var vault = await VaultTestDouble.StartAsync();
        vault.WriteSecret("holysheepai", "creds/rag", Key1);
        using var client = new VaultTestClient(vault);

        await client.DeleteAsync("v1/holysheepai/data/creds/rag", vault.RootToken);
        var deleted = await client.GetAsync("v1/holysheepai/data/creds/rag", vault.RootToken);
        var undelete = await client.PostAsync("v1/holysheepai/undelete/creds/rag", vault.RootToken, """{"versions":[1]}""");
        var restored = await client.GetAsync("v1/holysheepai/data/creds/rag", vault.RootToken);

        Assert.Equal(404, deleted.Code);
        Assert.Equal(204, undelete.Code);
        Assert.Equal(200, restored.Code);
        Assert.Equal("", restored.Json["data"]!["metadata"]!["deletion_time"]!.GetValue<string>());
    }

    [Fact]
    public async Task DeleteVersions_CommaSeparatedString_SoftDeletesEach()
    {
        await using var vault = await VaultTestDouble.StartAsync();
        vault.WriteSecret("holysheepai", "creds/rag", Key1);
        vault.WriteSecret("holysheepai", "creds/rag", Key2);
        vault.WriteSecret("holysheepai", "creds/rag", Key1);
        using var client = new VaultTestClient(vault);

        var reply = await client.PostAsync("v1/holysheepai/delete/creds/rag", vault.RootToken, """{"versions":"1,2"}""");
        var v2 = await client.GetAsync("v1/holysheepai/data/creds/rag?version=2", vault.RootToken);
        var v3 = await client.GetAsync("v1/holysheepai/data/creds/rag?version=3", vault.RootToken);

        Assert.Equal(204, reply.Code);
        Assert.Equal(404, v2.Code);
        Assert.Equal(200, v3.Code);
    }

    [Fact]
    public async Task Destroy_WithoutVersions_Returns400()
    {
        await using var vault = await VaultTestDouble.StartAsync();
        vault.WriteSecret("holysheepai", "creds/rag", Key1);
        using var client = new VaultTestClient(vault);

        var reply = await client.PostAsync("v1/holysheepai/destroy/creds/rag", vault.RootToken, "{}");

        Assert.Equal(400, reply.Code);
        Assert.Equal("no version number provided", reply.SingleError);
    }

    [Fact]
    public async Task WriteSecret_UnknownMount_ThrowsNamingTheMounts()
    {
        await using var vault = await VaultTestDouble.StartAsync();

        var error = Assert.Throws<ArgumentException>(() => vault.WriteSecret("secret", "x", Key1));

        Assert.Contains("holysheepai", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KvV2Mounts_SeveralConfigured_EachServesItsOwnKeys()
    {
        await using var vault = await VaultTestDouble.StartAsync(new VaultDoubleOptions { KvV2Mounts = ["holysheepai", "team/kv"] });
        vault.WriteSecret("team/kv", "x", Key1);
        using var client = new VaultTestClient(vault);

        var nested = await client.GetAsync("v1/team/kv/data/x", vault.RootToken);
        var other = await client.GetAsync("v1/holysheepai/data/x", vault.RootToken);

        Assert.Equal(200, nested.Code);
        Assert.Equal(404, other.Code);
    }
}

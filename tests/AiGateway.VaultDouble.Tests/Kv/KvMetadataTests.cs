namespace AiGateway.VaultDouble.Tests;

/// <summary>WIRE-FACTS A.3: KV v2 metadata, custom metadata, listing and version pruning.</summary>
public sealed class KvMetadataTests
{
    private static readonly Dictionary<string, string> Secret = new() { ["api_key"] = "sk" };

    [Fact]
    public async Task ReadMetadata_AfterWrites_HasVersionsMapAndAllFields()
    {
        var clock = TestClock.Create();
        await using var vault = await VaultTestDouble.StartAsync(time: clock);
        vault.WriteSecret("holysheepai", "creds/rag", Secret);
        clock.Advance(TimeSpan.FromMinutes(1));
        vault.WriteSecret("holysheepai", "creds/rag", Secret);
        using var client = new VaultTestClient(vault);

        var reply = await client.GetAsync("v1/holysheepai/metadata/creds/rag", vault.RootToken);

        Assert.Equal(200, reply.Code);
        var data = reply.Json["data"]!;
        Assert.Equal(
            ["cas_required", "created_time", "current_version", "custom_metadata", "delete_version_after", "max_versions", "oldest_version", "updated_time", "versions"],
            Json.Keys(data));
        Assert.Equal(2, data["current_version"]!.GetValue<int>());
        Assert.Equal(0, data["oldest_version"]!.GetValue<int>());
        Assert.Equal("0s", data["delete_version_after"]!.GetValue<string>());
        Assert.Equal("2025-05-20T10:13:20Z", data["created_time"]!.GetValue<string>());
        Assert.Equal("2025-05-20T10:14:20Z", data["updated_time"]!.GetValue<string>());
        Assert.Equal(["1", "2"], Json.Keys(data["versions"]));
        Assert.Equal(["created_time", "deletion_time", "destroyed"], Json.Keys(data["versions"]!["2"]));
        Assert.Equal("2025-05-20T10:14:20Z", data["versions"]!["2"]!["created_time"]!.GetValue<string>());
    }

    [Fact]
    public async Task ReadMetadata_NeverWritten_Returns404EmptyErrors()
    {
        await using var vault = await VaultTestDouble.StartAsync();
        using var client = new VaultTestClient(vault);

        var reply = await client.GetAsync("v1/holysheepai/metadata/creds/none", vault.RootToken);

        Assert.Equal(404, reply.Code);
        Assert.Equal("""{"errors":[]}""", reply.Body);
    }

    [Fact]
    public async Task WriteMetadata_CustomMetadata_Returns204AndShowsOnMetadataAndDataReads()
    {
        await using var vault = await VaultTestDouble.StartAsync();
        vault.WriteSecret("holysheepai", "creds/rag", Secret);
        using var client = new VaultTestClient(vault);

        var write = await client.PostAsync("v1/holysheepai/metadata/creds/rag", vault.RootToken, """{"custom_metadata":{"rotated_at":"2025-05-20","owner":"platform"}}""");
        var metadata = await client.GetAsync("v1/holysheepai/metadata/creds/rag", vault.RootToken);
        var data = await client.GetAsync("v1/holysheepai/data/creds/rag", vault.RootToken);

        Assert.Equal(204, write.Code);
        Assert.Equal("", write.Body);
        Assert.Equal("platform", metadata.Json["data"]!["custom_metadata"]!["owner"]!.GetValue<string>());
        Assert.Equal("2025-05-20", data.Json["data"]!["metadata"]!["custom_metadata"]!["rotated_at"]!.GetValue<string>());
    }

    [Fact]
    public async Task WriteMetadata_NonStringCustomValue_Returns400()
    {
        await using var vault = await VaultTestDouble.StartAsync();
        using var client = new VaultTestClient(vault);

        var reply = await client.PostAsync("v1/holysheepai/metadata/creds/rag", vault.RootToken, """{"custom_metadata":{"n":1}}""");

        Assert.Equal(400, reply.Code);
    }

    [Fact]
    public async Task List_ListVerbAndGetListTrue_ReturnTheSameKeysWithFoldersEndingInSlash()
    {
        await using var vault = await VaultTestDouble.StartAsync();
        vault.WriteSecret("holysheepai", "creds/rag-production", Secret);
        vault.WriteSecret("holysheepai", "creds/customer-service", Secret);
        vault.WriteSecret("holysheepai", "creds/teams/analytics", Secret);
        vault.WriteSecret("holysheepai", "audit/2025/rotation-1", Secret);
        using var client = new VaultTestClient(vault);

        var viaList = await client.ListAsync("v1/holysheepai/metadata/creds", vault.RootToken);
        var viaQuery = await client.GetAsync("v1/holysheepai/metadata/creds/?list=true", vault.RootToken);
        var root = await client.ListAsync("v1/holysheepai/metadata/", vault.RootToken);

        Assert.Equal(200, viaList.Code);
        Assert.Equal(["customer-service", "rag-production", "teams/"], Json.Strings(viaList.Json["data"]!["keys"]));
        Assert.Equal(viaList.Json["data"]!.ToJsonString(), viaQuery.Json["data"]!.ToJsonString());
        Assert.Equal(["audit/", "creds/"], Json.Strings(root.Json["data"]!["keys"]));
    }

    [Fact]
    public async Task List_EmptyOrMissingFolder_Returns404EmptyErrors()
    {
        await using var vault = await VaultTestDouble.StartAsync();
        using var client = new VaultTestClient(vault);

        var reply = await client.ListAsync("v1/holysheepai/metadata/creds/", vault.RootToken);

        Assert.Equal(404, reply.Code);
        Assert.Equal("""{"errors":[]}""", reply.Body);
    }

    [Fact]
    public async Task DeleteMetadata_ExistingKey_RemovesEveryVersion()
    {
        await using var vault = await VaultTestDouble.StartAsync();
        vault.WriteSecret("holysheepai", "creds/rag", Secret);
        using var client = new VaultTestClient(vault);

        var delete = await client.DeleteAsync("v1/holysheepai/metadata/creds/rag", vault.RootToken);
        var data = await client.GetAsync("v1/holysheepai/data/creds/rag?version=1", vault.RootToken);
        var list = await client.ListAsync("v1/holysheepai/metadata/creds/", vault.RootToken);

        Assert.Equal(204, delete.Code);
        Assert.Equal("""{"errors":[]}""", data.Body);
        Assert.Equal(404, list.Code);
    }

    [Fact]
    public async Task Write_PastMaxVersions_PrunesOldestAndReportsOldestVersion()
    {
        await using var vault = await VaultTestDouble.StartAsync();
        using var client = new VaultTestClient(vault);
        await client.PostAsync("v1/holysheepai/metadata/creds/rag", vault.RootToken, """{"max_versions":2}""");
        for (var i = 0; i < 3; i++)
        {
            vault.WriteSecret("holysheepai", "creds/rag", Secret);
        }

        var metadata = (await client.GetAsync("v1/holysheepai/metadata/creds/rag", vault.RootToken)).Json["data"]!;
        var v1 = await client.GetAsync("v1/holysheepai/data/creds/rag?version=1", vault.RootToken);

        Assert.Equal(3, metadata["current_version"]!.GetValue<int>());
        Assert.Equal(2, metadata["oldest_version"]!.GetValue<int>());
        Assert.Equal(2, metadata["max_versions"]!.GetValue<int>());
        Assert.Equal(["2", "3"], Json.Keys(metadata["versions"]));
        Assert.Equal("""{"errors":[]}""", v1.Body);
    }

    [Fact]
    public async Task Config_ReadAndUpdate_RoundTrips()
    {
        await using var vault = await VaultTestDouble.StartAsync();
        using var client = new VaultTestClient(vault);

        var update = await client.PostAsync("v1/holysheepai/config", vault.RootToken, """{"max_versions":5,"cas_required":true,"delete_version_after":"90m"}""");
        var config = (await client.GetAsync("v1/holysheepai/config", vault.RootToken)).Json["data"]!;
        var write = await client.PostAsync("v1/holysheepai/data/x", vault.RootToken, """{"data":{"a":"b"}}""");

        Assert.Equal(204, update.Code);
        Assert.Equal(5, config["max_versions"]!.GetValue<int>());
        Assert.True(config["cas_required"]!.GetValue<bool>());
        Assert.Equal("1h30m0s", config["delete_version_after"]!.GetValue<string>());
        Assert.Equal("check-and-set parameter required for this call", write.SingleError);
    }
}

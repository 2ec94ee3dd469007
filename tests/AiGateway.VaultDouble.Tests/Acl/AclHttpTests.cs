namespace AiGateway.VaultDouble.Tests;

/// <summary>The ACL as clients meet it: over HTTP, with the operation→capability mapping of A.6.</summary>
public sealed class AclHttpTests
{
    [Fact]
    public async Task Write_NewVersusExistingKey_NeedsCreateVersusUpdate()
    {
        await using var vault = await VaultTestDouble.StartAsync();
        vault.AddPolicy("create-only", """path "holysheepai/data/*" { capabilities = ["create"] }""");
        vault.AddPolicy("update-only", """path "holysheepai/data/*" { capabilities = ["update"] }""");
        var creator = vault.CreateToken(["create-only"], TimeSpan.FromHours(1));
        var updater = vault.CreateToken(["update-only"], TimeSpan.FromHours(1));
        using var client = new VaultTestClient(vault);
        const string body = """{"data":{"k":"v"}}""";

        var updaterOnNew = await client.PostAsync("v1/holysheepai/data/a", updater, body);
        var creatorOnNew = await client.PostAsync("v1/holysheepai/data/a", creator, body);
        var creatorOnExisting = await client.PostAsync("v1/holysheepai/data/a", creator, body);
        var updaterOnExisting = await client.PostAsync("v1/holysheepai/data/a", updater, body);

        Assert.Equal(403, updaterOnNew.Code);
        Assert.Equal(200, creatorOnNew.Code);
        Assert.Equal(403, creatorOnExisting.Code);
        Assert.Equal(200, updaterOnExisting.Code);
    }

    [Fact]
    public async Task PolicyMiss_ValidToken_Returns403WithMultiErrorPermissionDenied()
    {
        await using var vault = await VaultTestDouble.StartAsync();
        var token = vault.CreateToken(["nothing"], TimeSpan.FromHours(1));
        using var client = new VaultTestClient(vault);

        var reply = await client.GetAsync("v1/holysheepai/data/x", token);

        Assert.Equal(403, reply.Code);
        Assert.Equal("""{"errors":["1 error occurred:\n\t* permission denied\n\n"]}""", reply.Body);
    }

    [Fact]
    public async Task List_NeedsListOnTheMetadataFolder_NotRead()
    {
        await using var vault = await VaultTestDouble.StartAsync();
        vault.WriteSecret("holysheepai", "team/a", new Dictionary<string, string> { ["k"] = "v" });
        vault.AddPolicy("reader", """path "holysheepai/metadata/team/*" { capabilities = ["read"] }""");
        vault.AddPolicy("lister", """path "holysheepai/metadata/team/*" { capabilities = ["list"] }""");
        using var client = new VaultTestClient(vault);

        var byReader = await client.ListAsync("v1/holysheepai/metadata/team", vault.CreateToken(["reader"], TimeSpan.FromHours(1)));
        var byLister = await client.GetAsync("v1/holysheepai/metadata/team?list=true", vault.CreateToken(["lister"], TimeSpan.FromHours(1)));

        Assert.Equal(403, byReader.Code);
        Assert.Equal(200, byLister.Code);
    }

    [Fact]
    public async Task SegmentWildcard_OverHttp_GrantsOneSegmentOnly()
    {
        await using var vault = await VaultTestDouble.StartAsync();
        vault.WriteSecret("holysheepai", "teams/rag/openai", new Dictionary<string, string> { ["k"] = "v" });
        vault.WriteSecret("holysheepai", "teams/rag/nested/openai", new Dictionary<string, string> { ["k"] = "v" });
        vault.AddPolicy("team-keys", """path "holysheepai/data/teams/+/openai" { capabilities = ["read"] }""");
        var token = vault.CreateToken(["team-keys"], TimeSpan.FromHours(1));
        using var client = new VaultTestClient(vault);

        var oneSegment = await client.GetAsync("v1/holysheepai/data/teams/rag/openai", token);
        var twoSegments = await client.GetAsync("v1/holysheepai/data/teams/rag/nested/openai", token);

        Assert.Equal(200, oneSegment.Code);
        Assert.Equal(403, twoSegments.Code);
    }

    [Fact]
    public async Task AddPolicy_AfterTokenCreated_AppliesToItsNextRequest()
    {
        await using var vault = await VaultTestDouble.StartAsync();
        vault.WriteSecret("holysheepai", "x", new Dictionary<string, string> { ["k"] = "v" });
        var token = vault.CreateToken(["late"], TimeSpan.FromHours(1));
        using var client = new VaultTestClient(vault);

        var before = await client.GetAsync("v1/holysheepai/data/x", token);
        vault.AddPolicy("LATE", """path "holysheepai/data/x" { capabilities = ["read"] }""");
        var after = await client.GetAsync("v1/holysheepai/data/x", token);

        Assert.Equal(403, before.Code);
        Assert.Equal(200, after.Code);
    }
}

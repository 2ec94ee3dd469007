namespace AiGateway.VaultDouble.Tests;

/// <summary>WIRE-FACTS A.0–A.3: every JSON success body carries the full envelope, nulls included.</summary>
public sealed class EnvelopeWireTests
{
    private static readonly string[] EnvelopeKeys =
        ["request_id", "lease_id", "renewable", "lease_duration", "data", "wrap_info", "warnings", "auth", "mount_type"];

    private static readonly string[] AuthKeys =
    [
        "client_token", "accessor", "policies", "token_policies", "metadata", "lease_duration", "renewable", "entity_id",
        "token_type", "orphan", "mfa_requirement", "num_uses",
    ];

    [Fact]
    public async Task AppRoleLogin_ValidCredentials_ReturnsFullEnvelopeAndAuthObject()
    {
        await using var vault = await VaultTestDouble.StartAsync();
        var (roleId, secretId) = vault.CreateAppRole("gateway", ["gateway"], TimeSpan.FromHours(1));
        using var client = new VaultTestClient(vault);

        var reply = await client.PostAsync("v1/auth/approle/login", null, $$"""{"role_id":"{{roleId}}","secret_id":"{{secretId}}"}""");

        Assert.Equal(200, reply.Code);
        var json = reply.Json;
        Assert.Equal(EnvelopeKeys, Json.Keys(json));
        Assert.True(Guid.TryParse(json["request_id"]!.GetValue<string>(), out _));
        Assert.Equal("", json["lease_id"]!.GetValue<string>());
        Assert.False(json["renewable"]!.GetValue<bool>());
        Assert.Equal(0, json["lease_duration"]!.GetValue<int>());
        Json.AssertNullProperty(json, "data");
        Json.AssertNullProperty(json, "wrap_info");
        Json.AssertNullProperty(json, "warnings");
        Assert.Equal("approle", json["mount_type"]!.GetValue<string>());

        var auth = json["auth"]!;
        Assert.Equal(AuthKeys, Json.Keys(auth));
        Assert.StartsWith("hvs.", auth["client_token"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(["default", "gateway"], Json.Strings(auth["policies"]));
        Assert.Equal(["default", "gateway"], Json.Strings(auth["token_policies"]));
        Assert.Equal("gateway", auth["metadata"]!["role_name"]!.GetValue<string>());
        Assert.Equal(3600, auth["lease_duration"]!.GetValue<int>());
        Assert.True(auth["renewable"]!.GetValue<bool>());
        Assert.True(Guid.TryParse(auth["entity_id"]!.GetValue<string>(), out _));
        Assert.Equal("service", auth["token_type"]!.GetValue<string>());
        Assert.True(auth["orphan"]!.GetValue<bool>());
        Json.AssertNullProperty(auth, "mfa_requirement");
        Assert.Equal(0, auth["num_uses"]!.GetValue<int>());
    }

    [Fact]
    public async Task LookupSelf_ServiceToken_ReturnsEnvelopeWithEveryAlwaysPresentKey()
    {
        await using var vault = await VaultTestDouble.StartAsync(time: TestClock.Create());
        var token = vault.CreateToken(["gateway"], TimeSpan.FromHours(1));
        using var client = new VaultTestClient(vault);

        var reply = await client.GetAsync("v1/auth/token/lookup-self", token);

        Assert.Equal(200, reply.Code);
        Assert.Equal(EnvelopeKeys, Json.Keys(reply.Json));
        Json.AssertNullProperty(reply.Json, "auth");
        Assert.Equal("token", reply.Json["mount_type"]!.GetValue<string>());
        var data = reply.Json["data"]!;
        string[] always =
        [
            "id", "accessor", "policies", "path", "meta", "display_name", "num_uses", "orphan", "creation_time", "creation_ttl",
            "expire_time", "ttl", "explicit_max_ttl", "entity_id", "type",
        ];
        Assert.All(always, key => Assert.True(data.AsObject().ContainsKey(key), $"missing {key}"));
        Assert.Equal(token, data["id"]!.GetValue<string>());
        Assert.Equal(["default", "gateway"], Json.Strings(data["policies"]));
        Assert.Equal(TestClock.Start.ToUnixTimeSeconds(), data["creation_time"]!.GetValue<long>());
        Assert.Equal(3600, data["creation_ttl"]!.GetValue<int>());
        Assert.Equal("2025-05-20T11:13:20Z", data["expire_time"]!.GetValue<string>());
        Assert.Equal("2025-05-20T10:13:20Z", data["issue_time"]!.GetValue<string>());
        Assert.True(data["renewable"]!.GetValue<bool>());
        Assert.Equal("service", data["type"]!.GetValue<string>());
        Json.AssertNullProperty(data, "meta");
    }

    [Fact]
    public async Task LookupSelf_RootToken_HasNullExpireTimeAndZeroTtl()
    {
        await using var vault = await VaultTestDouble.StartAsync();
        using var client = new VaultTestClient(vault);

        var data = (await client.GetAsync("v1/auth/token/lookup-self", vault.RootToken)).Json["data"]!;

        Assert.Equal(["root"], Json.Strings(data["policies"]));
        Json.AssertNullProperty(data, "expire_time");
        Assert.Equal(0, data["ttl"]!.GetValue<int>());
        Assert.False(data.AsObject().ContainsKey("renewable"), "root has no lease, so no renewable key");
    }

    [Fact]
    public async Task KvRead_WrittenSecret_ReturnsEnvelopeWithDataAndVersionMetadata()
    {
        await using var vault = await VaultTestDouble.StartAsync(time: TestClock.Create());
        vault.WriteSecret("holysheepai", "creds/rag-production", new Dictionary<string, string> { ["api_key"] = "sk-rag", ["key_id"] = "key-1" });
        using var client = new VaultTestClient(vault);

        var reply = await client.GetAsync("v1/holysheepai/data/creds/rag-production", vault.RootToken);

        Assert.Equal(200, reply.Code);
        Assert.Equal(EnvelopeKeys, Json.Keys(reply.Json));
        Assert.Equal("kv", reply.Json["mount_type"]!.GetValue<string>());
        Assert.Equal(0, reply.Json["lease_duration"]!.GetValue<int>());
        Json.AssertNullProperty(reply.Json, "auth");
        var data = reply.Json["data"]!;
        Assert.Equal("sk-rag", data["data"]!["api_key"]!.GetValue<string>());
        Assert.Equal("key-1", data["data"]!["key_id"]!.GetValue<string>());
        var metadata = data["metadata"]!;
        Assert.Equal(["created_time", "custom_metadata", "deletion_time", "destroyed", "version"], Json.Keys(metadata));
        Assert.Equal("2025-05-20T10:13:20Z", metadata["created_time"]!.GetValue<string>());
        Json.AssertNullProperty(metadata, "custom_metadata");
        Assert.Equal("", metadata["deletion_time"]!.GetValue<string>());
        Assert.False(metadata["destroyed"]!.GetValue<bool>());
        Assert.Equal(1, metadata["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task KvWrite_NewSecret_ReturnsVersionMetadataWithoutNestedData()
    {
        await using var vault = await VaultTestDouble.StartAsync(time: TestClock.Create());
        using var client = new VaultTestClient(vault);

        var reply = await client.PostAsync("v1/holysheepai/data/creds/rag", vault.RootToken, """{"options":{},"data":{"api_key":"sk-1"}}""");

        Assert.Equal(200, reply.Code);
        Assert.Equal(EnvelopeKeys, Json.Keys(reply.Json));
        var data = reply.Json["data"]!;
        Assert.Equal(["created_time", "custom_metadata", "deletion_time", "destroyed", "version"], Json.Keys(data));
        Assert.Equal(1, data["version"]!.GetValue<int>());
        Json.AssertNullProperty(reply.Json, "warnings");
    }

    [Fact]
    public async Task Timestamps_FractionalSeconds_AreRfc3339NanoWithTrailingZerosTrimmed()
    {
        var clock = TestClock.Create();
        clock.Advance(TimeSpan.FromTicks(1_234_500)); // 0.12345 s
        await using var vault = await VaultTestDouble.StartAsync(time: clock);
        vault.WriteSecret("holysheepai", "creds/x", new Dictionary<string, string> { ["k"] = "v" });
        using var client = new VaultTestClient(vault);

        var reply = await client.GetAsync("v1/holysheepai/data/creds/x", vault.RootToken);

        Assert.Equal("2025-05-20T10:13:20.12345Z", reply.Json["data"]!["metadata"]!["created_time"]!.GetValue<string>());
    }
}

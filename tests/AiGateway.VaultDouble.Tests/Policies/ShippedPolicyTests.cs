namespace AiGateway.VaultDouble.Tests;

/// <summary>
/// Proves the Vault ACL policies that ship in policies/vault grant exactly what their comments promise, by loading
/// the real files into the double and trying every operation that matters. A 404 marks a request the ACL allowed
/// on a path the double does not emulate (sys/*, role management): the ACL check comes first, as in Vault.
/// </summary>
public sealed class ShippedPolicyTests
{
    private const string Write = """{"data":{"api_key":"sk-new","key_id":"k-new"}}""";
    private const string WriteCas1 = """{"options":{"cas":1},"data":{"api_key":"sk-new","key_id":"k-new"}}""";
    private const string Versions = """{"versions":[1]}""";

    public static TheoryData<string, string, string, string?, int> Gateway => new()
    {
        { "gateway", "GET", "holysheepai/data/creds/rag-production", null, 200 },
        { "gateway", "GET", "holysheepai/data/creds/rag-production?version=1", null, 200 },
        { "gateway", "GET", "holysheepai/metadata/creds/rag-production", null, 200 },
        { "gateway", "GET", "holysheepai/data/creds/customer-service", null, 200 },
        { "gateway", "POST", "holysheepai/data/creds/rag-production", WriteCas1, 403 },
        { "gateway", "POST", "holysheepai/data/creds/new-service", Write, 403 },
        { "gateway", "LIST", "holysheepai/metadata/creds/", null, 403 },
        { "gateway", "GET", "holysheepai/metadata/creds/?list=true", null, 403 },
        { "gateway", "DELETE", "holysheepai/data/creds/rag-production", null, 403 },
        { "gateway", "POST", "holysheepai/delete/creds/rag-production", Versions, 403 },
        { "gateway", "POST", "holysheepai/destroy/creds/rag-production", Versions, 403 },
        { "gateway", "POST", "holysheepai/metadata/creds/rag-production", """{"custom_metadata":{"a":"b"}}""", 403 },
        { "gateway", "DELETE", "holysheepai/metadata/creds/rag-production", null, 403 },
        { "gateway", "GET", "holysheepai/data/audit/2025/rotation-1", null, 403 },
        { "gateway", "GET", "holysheepai/metadata/audit/2025/rotation-1", null, 403 },
        { "gateway", "GET", "holysheepai/data/teams/other", null, 403 },
        { "gateway", "GET", "sys/mounts", null, 403 },
        { "gateway", "GET", "sys/policies/acl/gateway", null, 403 },
        { "gateway", "POST", "sys/seal", "{}", 403 },
        { "gateway", "GET", "auth/token/lookup-self", null, 200 },
        { "gateway", "POST", "auth/token/renew-self", "{}", 200 },
    };

    public static TheoryData<string, string, string, string?, int> KeyRotation => new()
    {
        { "key-rotation", "POST", "holysheepai/data/creds/rag-production", WriteCas1, 200 },
        { "key-rotation", "POST", "holysheepai/data/creds/new-service", """{"options":{"cas":0},"data":{"api_key":"sk"}}""", 200 },
        { "key-rotation", "GET", "holysheepai/data/creds/rag-production", null, 200 },
        { "key-rotation", "GET", "holysheepai/metadata/creds/rag-production", null, 200 },
        { "key-rotation", "POST", "holysheepai/metadata/creds/rag-production", """{"custom_metadata":{"rotated_at":"2025-05-20T10:13:20Z"}}""", 204 },
        { "key-rotation", "LIST", "holysheepai/metadata/creds/", null, 200 },
        { "key-rotation", "POST", "holysheepai/data/audit/2025/rotation-2", Write, 200 },
        { "key-rotation", "POST", "holysheepai/data/audit/2025/rotation-1", Write, 200 },
        { "key-rotation", "GET", "holysheepai/data/audit/2025/rotation-1", null, 200 },
        { "key-rotation", "LIST", "holysheepai/metadata/audit/", null, 200 },
        { "key-rotation", "DELETE", "holysheepai/data/creds/rag-production", null, 403 },
        { "key-rotation", "POST", "holysheepai/delete/creds/rag-production", Versions, 403 },
        { "key-rotation", "POST", "holysheepai/undelete/creds/rag-production", Versions, 403 },
        { "key-rotation", "POST", "holysheepai/destroy/creds/rag-production", Versions, 403 },
        { "key-rotation", "DELETE", "holysheepai/metadata/creds/rag-production", null, 403 },
        { "key-rotation", "DELETE", "holysheepai/data/audit/2025/rotation-1", null, 403 },
        { "key-rotation", "POST", "holysheepai/destroy/audit/2025/rotation-1", Versions, 403 },
        { "key-rotation", "GET", "holysheepai/data/teams/other", null, 403 },
        { "key-rotation", "GET", "sys/mounts", null, 403 },
    };

    public static TheoryData<string, string, string, string?, int> EngineersRag => new()
    {
        { "engineers-rag", "GET", "holysheepai/metadata/creds/rag-production", null, 200 },
        { "engineers-rag", "LIST", "holysheepai/metadata/creds/", null, 200 },
        { "engineers-rag", "GET", "holysheepai/metadata/creds?list=true", null, 200 },
        { "engineers-rag", "GET", "holysheepai/data/creds/rag-production", null, 403 },
        { "engineers-rag", "GET", "holysheepai/data/creds/rag-production?version=1", null, 403 },
        { "engineers-rag", "GET", "holysheepai/metadata/creds/customer-service", null, 403 },
        { "engineers-rag", "GET", "holysheepai/data/creds/customer-service", null, 403 },
        { "engineers-rag", "POST", "holysheepai/metadata/creds/rag-production", """{"custom_metadata":{"a":"b"}}""", 403 },
        { "engineers-rag", "POST", "holysheepai/data/creds/rag-production", WriteCas1, 403 },
        { "engineers-rag", "LIST", "holysheepai/metadata/", null, 403 },
        { "engineers-rag", "GET", "holysheepai/metadata/audit/2025/rotation-1", null, 403 },
    };

    public static TheoryData<string, string, string, string?, int> CustomerService => new()
    {
        { "customer-service", "GET", "holysheepai/data/creds/customer-service", null, 200 },
        { "customer-service", "GET", "holysheepai/data/creds/rag-production", null, 403 },
        { "customer-service", "GET", "holysheepai/metadata/creds/customer-service", null, 403 },
        { "customer-service", "POST", "holysheepai/data/creds/customer-service", """{"options":{"cas":1},"data":{"api_key":"x"}}""", 403 },
        { "customer-service", "LIST", "holysheepai/metadata/creds/", null, 403 },
        { "customer-service", "DELETE", "holysheepai/data/creds/customer-service", null, 403 },
    };

    public static TheoryData<string, string, string, string?, int> Admins => new()
    {
        { "gateway-admin", "DELETE", "holysheepai/data/creds/rag-production", null, 204 },
        { "gateway-admin", "POST", "holysheepai/destroy/creds/rag-production", Versions, 204 },
        { "gateway-admin", "DELETE", "holysheepai/metadata/creds/customer-service", null, 204 },
        { "gateway-admin", "LIST", "holysheepai/metadata/creds/", null, 200 },
        { "gateway-admin", "GET", "holysheepai/data/audit/2025/rotation-1", null, 200 },
        { "gateway-admin", "GET", "sys/policies/acl/gateway", null, 404 },
        { "gateway-admin", "LIST", "sys/policies/acl", null, 404 },
        { "gateway-admin", "POST", "auth/approle/role/gateway", "{}", 404 },
        { "gateway-admin", "GET", "sys/mounts", null, 403 },
        { "gateway-admin", "POST", "sys/auth/userpass", "{}", 403 },
        { "gateway-admin", "GET", "sys/policies/password/x", null, 403 },
        { "gateway-admin", "GET", "auth/kubernetes/role/gateway", null, 403 },
        { "gateway-admin", "POST", "sys/seal", "{}", 403 },
        { "devops-admin", "DELETE", "holysheepai/metadata/creds/rag-production", null, 204 },
        { "devops-admin", "GET", "sys/mounts", null, 404 },
        { "devops-admin", "POST", "sys/mounts/kv-team", "{}", 404 },
        { "devops-admin", "GET", "sys/auth", null, 404 },
        { "devops-admin", "POST", "sys/auth/userpass", "{}", 404 },
        { "devops-admin", "GET", "sys/policies/acl/gateway", null, 404 },
        { "devops-admin", "GET", "auth/kubernetes/role/gateway", null, 404 },
        { "devops-admin", "POST", "sys/seal", "{}", 403 },
        { "devops-admin", "GET", "sys/raw/core/keyring", null, 403 },
        { "devops-admin", "GET", "sys/audit", null, 403 },
        { "devops-admin", "GET", "secret/data/other-team", null, 403 },
    };

    [Theory]
    [MemberData(nameof(Gateway))]
    [MemberData(nameof(KeyRotation))]
    [MemberData(nameof(EngineersRag))]
    [MemberData(nameof(CustomerService))]
    [MemberData(nameof(Admins))]
    public async Task ShippedPolicy_Operation_AllowedOrDeniedAsDocumented(string policy, string method, string path, string? body, int expected)
    {
        await using var vault = await StartWithShippedPoliciesAsync();
        var token = vault.CreateToken([policy], TimeSpan.FromHours(1));
        using var client = new VaultTestClient(vault);

        var reply = await client.SendAsync(method, "v1/" + path, token, body);

        Assert.True(expected == reply.Code, $"{policy}: {method} {path} answered {reply.Code} {reply.Body}, expected {expected}");
    }

    [Fact]
    public async Task GatewayPolicy_AppRoleLogin_ReadsKeyAndCannotWriteIt()
    {
        await using var vault = await StartWithShippedPoliciesAsync();
        var (roleId, secretId) = vault.CreateAppRole("gateway", ["gateway"], TimeSpan.FromHours(1));
        using var client = new VaultTestClient(vault);

        var login = await client.PostAsync("v1/auth/approle/login", null, $$"""{"role_id":"{{roleId}}","secret_id":"{{secretId}}"}""");
        var token = login.Json["auth"]!["client_token"]!.GetValue<string>();
        var read = await client.GetAsync("v1/holysheepai/data/creds/rag-production", token);
        var write = await client.PostAsync("v1/holysheepai/data/creds/rag-production", token, WriteCas1);

        Assert.Equal("sk-rag", read.Json["data"]!["data"]!["api_key"]!.GetValue<string>());
        Assert.Equal(403, write.Code);
        Assert.Equal(1, (await client.GetAsync("v1/holysheepai/metadata/creds/rag-production", vault.RootToken)).Json["data"]!["current_version"]!.GetValue<int>());
    }

    [Fact]
    public async Task EngineersRag_WithAnotherPolicyGrantingData_ExplicitDenyStillWins()
    {
        await using var vault = await StartWithShippedPoliciesAsync();
        var token = vault.CreateToken(["engineers-rag", "gateway"], TimeSpan.FromHours(1));
        using var client = new VaultTestClient(vault);

        var data = await client.GetAsync("v1/holysheepai/data/creds/rag-production", token);

        Assert.Equal(403, data.Code);
    }

    [Fact]
    public void ShippedPolicies_EveryFile_ParsesAndOpensWithAWhoAndWhyComment()
    {
        var files = Directory.GetFiles(RepositoryRoot.VaultPolicies, "*.hcl").Select(static f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToArray();

        Assert.Equal(
            ["customer-service.hcl", "devops-admin.hcl", "engineers-rag.hcl", "gateway-admin.hcl", "gateway.hcl", "key-rotation.hcl"],
            files);
        foreach (var file in files)
        {
            var text = File.ReadAllText(Path.Combine(RepositoryRoot.VaultPolicies, file));
            Assert.StartsWith("# Policy: " + Path.GetFileNameWithoutExtension(file), text, StringComparison.Ordinal);
            Assert.Contains("# Used by:", text, StringComparison.Ordinal);
            Assert.Contains("# Why:", text, StringComparison.Ordinal);
            Assert.NotEmpty(HclPolicyParser.Parse(Path.GetFileNameWithoutExtension(file), text, file).Rules);
        }
    }

    private static async Task<VaultTestDouble> StartWithShippedPoliciesAsync()
    {
        var vault = await VaultTestDouble.StartAsync(new VaultDoubleOptions { PolicyDirectory = RepositoryRoot.VaultPolicies });
        vault.WriteSecret("holysheepai", "creds/rag-production", new Dictionary<string, string> { ["api_key"] = "sk-rag", ["key_id"] = "key-rag-1" });
        vault.WriteSecret("holysheepai", "creds/customer-service", new Dictionary<string, string> { ["api_key"] = "sk-cs", ["key_id"] = "key-cs-1" });
        vault.WriteSecret("holysheepai", "audit/2025/rotation-1", new Dictionary<string, string> { ["service"] = "rag-production" });
        return vault;
    }
}

namespace AiGateway.VaultDouble.Tests;

/// <summary>WIRE-FACTS A.0/A.5/A.8: response headers, error bodies, and the request forms real clients send.</summary>
public sealed class HeaderWireTests
{
    public static TheoryData<string, string, string?> Endpoints => new()
    {
        { "GET", "v1/sys/health", null },
        { "GET", "v1/auth/token/lookup-self", null },
        { "GET", "v1/holysheepai/data/creds/never-written", null },
        { "GET", "v1/holysheepai/data/creds/present", null },
        { "POST", "v1/holysheepai/data/creds/present", """{"data":{"a":"b"},"options":{"cas":0}}""" },
        { "GET", "v1/unknown/path", null },
        { "DELETE", "v1/sys/health", null },
        { "POST", "v1/auth/approle/login", "{}" },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Response_AnyJsonBody_HasExactlyApplicationJsonAndNoStore(string method, string path, string? body)
    {
        await using var vault = await VaultTestDouble.StartAsync();
        vault.WriteSecret("holysheepai", "creds/present", new Dictionary<string, string> { ["a"] = "b" });
        using var client = new VaultTestClient(vault);

        var reply = await client.SendAsync(method, path, vault.RootToken, body);

        Assert.Equal("application/json", reply.ContentType);
        Assert.Equal("no-store", reply.CacheControl);
    }

    [Fact]
    public async Task Read_NeverWrittenSecret_Returns404WithBodyExactlyEmptyErrors()
    {
        await using var vault = await VaultTestDouble.StartAsync();
        using var client = new VaultTestClient(vault);

        var reply = await client.GetAsync("v1/holysheepai/data/creds/nothing", vault.RootToken);

        Assert.Equal(404, reply.Code);
        Assert.Equal("""{"errors":[]}""", reply.Body);
    }

    [Fact]
    public async Task UnknownPath_RootToken_Returns404EmptyErrors()
    {
        await using var vault = await VaultTestDouble.StartAsync();
        using var client = new VaultTestClient(vault);

        var reply = await client.GetAsync("v1/secret/nothing-mounted-here", vault.RootToken);

        Assert.Equal(404, reply.Code);
        Assert.Equal("""{"errors":[]}""", reply.Body);
    }

    [Theory]
    [InlineData("DELETE", "v1/sys/health")]
    [InlineData("GET", "v1/auth/approle/login")]
    [InlineData("POST", "v1/auth/token/lookup-self")]
    [InlineData("LIST", "v1/holysheepai/data/creds/")]
    [InlineData("OPTIONS", "v1/holysheepai/data/creds/x")]
    public async Task WrongVerb_KnownPath_Returns405UnsupportedOperation(string method, string path)
    {
        await using var vault = await VaultTestDouble.StartAsync();
        using var client = new VaultTestClient(vault);

        var reply = await client.SendAsync(method, path, vault.RootToken, method == "POST" ? "{}" : null);

        Assert.Equal(405, reply.Code);
        Assert.Equal("unsupported operation", reply.SingleError);
    }

    [Fact]
    public async Task Token_AuthorizationBearer_AcceptedLikeXVaultToken()
    {
        await using var vault = await VaultTestDouble.StartAsync();
        var token = vault.CreateToken(["anything"], TimeSpan.FromMinutes(5));
        using var client = new VaultTestClient(vault);

        var viaHeader = await client.GetAsync("v1/auth/token/lookup-self", token);
        var viaBearer = await client.SendAsync("GET", "v1/auth/token/lookup-self", headers: new Dictionary<string, string> { ["Authorization"] = "Bearer " + token });

        Assert.Equal(200, viaHeader.Code);
        Assert.Equal(200, viaBearer.Code);
        Assert.Equal(token, viaBearer.Json["data"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Request_NoToken_Returns403PermissionDeniedMultiError()
    {
        await using var vault = await VaultTestDouble.StartAsync();
        using var client = new VaultTestClient(vault);

        var reply = await client.GetAsync("v1/holysheepai/data/creds/x");

        Assert.Equal(403, reply.Code);
        Assert.Equal("1 error occurred:\n\t* permission denied\n\n", reply.SingleError);
    }

    [Fact]
    public async Task Request_UnknownToken_Returns403WithPermissionDeniedAndInvalidToken()
    {
        await using var vault = await VaultTestDouble.StartAsync();
        using var client = new VaultTestClient(vault);

        var reply = await client.GetAsync("v1/auth/token/lookup-self", "hvs.not-a-real-token");

        Assert.Equal(403, reply.Code);
        Assert.Contains("permission denied", reply.SingleError, StringComparison.Ordinal);
        Assert.Contains("invalid token", reply.SingleError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Write_TextPlainContentType_ParsedAsJson()
    {
        await using var vault = await VaultTestDouble.StartAsync();
        using var client = new VaultTestClient(vault);

        // VaultSharp sends its JSON as text/plain; charset=utf-8 (A.8).
        var reply = await client.SendAsync("POST", "v1/holysheepai/data/creds/vs", vault.RootToken, """{"data":{"api_key":"sk-vs"}}""", "text/plain");
        var read = await client.GetAsync("v1/holysheepai/data/creds/vs", vault.RootToken);

        Assert.Equal(200, reply.Code);
        Assert.Equal("sk-vs", read.Json["data"]!["data"]!["api_key"]!.GetValue<string>());
    }

    [Fact]
    public async Task Request_DoubleSlashesAndXVaultRequest_CollapsedAndIgnored()
    {
        await using var vault = await VaultTestDouble.StartAsync();
        vault.WriteSecret("holysheepai", "creds/x", new Dictionary<string, string> { ["k"] = "v" });
        using var client = new VaultTestClient(vault);

        var reply = await client.SendAsync("GET", "v1//holysheepai//data/creds//x", vault.RootToken, headers: new Dictionary<string, string> { ["X-Vault-Request"] = "true" });

        Assert.Equal(200, reply.Code);
        Assert.Equal("v", reply.Json["data"]!["data"]!["k"]!.GetValue<string>());
    }

    [Fact]
    public async Task Write_MalformedJson_Returns400FailedToParse()
    {
        await using var vault = await VaultTestDouble.StartAsync();
        using var client = new VaultTestClient(vault);

        var reply = await client.PostAsync("v1/holysheepai/data/creds/x", vault.RootToken, "{not json");

        Assert.Equal(400, reply.Code);
        Assert.StartsWith("failed to parse JSON input", reply.SingleError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Namespace_NonRootNamespaceHeader_TreatedAsPathPrefix()
    {
        await using var vault = await VaultTestDouble.StartAsync();
        vault.AddPolicy("reader", """path "holysheepai/data/*" { capabilities = ["read"] }""");
        var token = vault.CreateToken(["reader"], TimeSpan.FromMinutes(5));
        vault.WriteSecret("holysheepai", "creds/x", new Dictionary<string, string> { ["k"] = "v" });
        using var client = new VaultTestClient(vault);
        var ns1 = new Dictionary<string, string> { ["X-Vault-Namespace"] = "ns1/" };
        var root = new Dictionary<string, string> { ["X-Vault-Namespace"] = "root" };

        var inNs1 = await client.SendAsync("GET", "v1/holysheepai/data/creds/x", token, headers: ns1);
        var inNs1AsRoot = await client.SendAsync("GET", "v1/holysheepai/data/creds/x", vault.RootToken, headers: ns1);
        var inRoot = await client.SendAsync("GET", "v1/holysheepai/data/creds/x", token, headers: root);

        Assert.Equal(403, inNs1.Code); // ns1/holysheepai/data/... matches no rule
        Assert.Equal(404, inNs1AsRoot.Code); // and no mount
        Assert.Equal(200, inRoot.Code);
        Assert.Equal("/v1/holysheepai/data/creds/x", vault.Requests[0].Path);
        Assert.Equal("ns1/", vault.Requests[0].Headers["x-vault-namespace"]);
    }

    [Fact]
    public async Task Requests_EveryRequest_RecordedWithMethodPathQueryHeadersAndBody()
    {
        await using var vault = await VaultTestDouble.StartAsync();
        using var client = new VaultTestClient(vault);

        await client.GetAsync("v1/holysheepai/data/creds/x?version=2", vault.RootToken);
        await client.PostAsync("v1/auth/approle/login", null, """{"role_id":"r","secret_id":null}""");

        Assert.Collection(
            vault.Requests,
            first =>
            {
                Assert.Equal("GET", first.Method);
                Assert.Equal("/v1/holysheepai/data/creds/x", first.Path);
                Assert.Equal("version=2", first.Query);
                Assert.Equal(vault.RootToken, first.Headers["X-VAULT-TOKEN"]);
                Assert.Equal("", first.Body);
            },
            second =>
            {
                Assert.Equal("POST", second.Method);
                Assert.Equal("", second.Query);
                Assert.Equal("""{"role_id":"r","secret_id":null}""", second.Body);
                Assert.False(second.Headers.ContainsKey("X-Vault-Token"));
            });
    }
}

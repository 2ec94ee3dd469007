using System.Buffers.Text;
using System.Text;
using System.Text.Json.Nodes;

namespace AiGateway.VaultDouble.Tests;

/// <summary>WIRE-FACTS A.4: Kubernetes login with a service-account JWT the double issued.</summary>
public sealed class KubernetesLoginTests
{
    [Fact]
    public async Task Login_IssuedJwt_ReturnsA4MetadataAndPolicies()
    {
        await using var vault = await VaultTestDouble.StartAsync();
        var jwt = vault.CreateKubernetesRole("gateway", "ai-gateway", "ai", ["gateway"], TimeSpan.FromHours(1));
        using var client = new VaultTestClient(vault);

        var reply = await client.PostAsync("v1/auth/kubernetes/login", null, $$"""{"role":"gateway","jwt":"{{jwt}}"}""");

        Assert.Equal(200, reply.Code);
        Assert.Equal("kubernetes", reply.Json["mount_type"]!.GetValue<string>());
        var auth = reply.Json["auth"]!;
        Assert.Equal(["default", "gateway"], Json.Strings(auth["policies"]));
        Assert.Equal(3600, auth["lease_duration"]!.GetValue<int>());
        var metadata = auth["metadata"]!;
        Assert.Equal(
            ["role", "service_account_name", "service_account_namespace", "service_account_secret_name", "service_account_uid"],
            Json.Keys(metadata));
        Assert.Equal("gateway", metadata["role"]!.GetValue<string>());
        Assert.Equal("ai-gateway", metadata["service_account_name"]!.GetValue<string>());
        Assert.Equal("ai", metadata["service_account_namespace"]!.GetValue<string>());
        Assert.Equal("", metadata["service_account_secret_name"]!.GetValue<string>());
        Assert.True(Guid.TryParse(metadata["service_account_uid"]!.GetValue<string>(), out _));

        var lookup = await client.GetAsync("v1/auth/token/lookup-self", auth["client_token"]!.GetValue<string>());
        Assert.Equal("kubernetes-ai-ai-gateway", lookup.Json["data"]!["display_name"]!.GetValue<string>());
    }

    [Fact]
    public async Task CreateKubernetesRole_Jwt_HasThreeBase64UrlPartsWithProjectedTokenClaims()
    {
        await using var vault = await VaultTestDouble.StartAsync(time: TestClock.Create());

        var jwt = vault.CreateKubernetesRole("gateway", "ai-gateway", "ai", ["gateway"], TimeSpan.FromHours(1));

        var parts = jwt.Split('.');
        Assert.Equal(3, parts.Length);
        Assert.All(parts, part => Assert.Matches("^[A-Za-z0-9_-]+$", part));
        var header = JsonNode.Parse(Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parts[0])))!;
        var claims = JsonNode.Parse(Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parts[1])))!;
        Assert.Equal("RS256", header["alg"]!.GetValue<string>());
        Assert.Equal("system:serviceaccount:ai:ai-gateway", claims["sub"]!.GetValue<string>());
        Assert.Equal("https://kubernetes.default.svc.cluster.local", claims["iss"]!.GetValue<string>());
        Assert.Equal(TestClock.Start.ToUnixTimeSeconds(), claims["iat"]!.GetValue<long>());
        Assert.True(claims["exp"]!.GetValue<long>() > claims["iat"]!.GetValue<long>());
        Assert.Equal("ai", claims["kubernetes.io"]!["namespace"]!.GetValue<string>());
        Assert.Equal("ai-gateway", claims["kubernetes.io"]!["serviceaccount"]!["name"]!.GetValue<string>());
        Assert.Equal(256, Base64Url.DecodeFromChars(parts[2]).Length);
    }

    [Fact]
    public async Task Login_JwtTheDoubleDidNotIssue_Returns403PermissionDenied()
    {
        await using var vault = await VaultTestDouble.StartAsync();
        var jwt = vault.CreateKubernetesRole("gateway", "ai-gateway", "ai", ["gateway"], TimeSpan.FromHours(1));
        var parts = jwt.Split('.');
        var forged = $"{parts[0]}.{parts[1]}.{Base64Url.EncodeToString(new byte[256])}";
        using var client = new VaultTestClient(vault);

        var reply = await client.PostAsync("v1/auth/kubernetes/login", null, $$"""{"role":"gateway","jwt":"{{forged}}"}""");

        Assert.Equal(403, reply.Code);
        Assert.Equal("permission denied", reply.SingleError);
    }

    [Fact]
    public async Task Login_JwtOfAnotherServiceAccount_Returns403NameNotAuthorized()
    {
        await using var vault = await VaultTestDouble.StartAsync();
        vault.CreateKubernetesRole("gateway", "ai-gateway", "ai", ["gateway"], TimeSpan.FromHours(1));
        var otherJwt = vault.CreateKubernetesRole("rotation", "key-rotation", "ai", ["key-rotation"], TimeSpan.FromHours(1));
        using var client = new VaultTestClient(vault);

        var reply = await client.PostAsync("v1/auth/kubernetes/login", null, $$"""{"role":"gateway","jwt":"{{otherJwt}}"}""");

        Assert.Equal(403, reply.Code);
        Assert.Equal("service account name not authorized", reply.SingleError);
    }

    [Fact]
    public async Task Login_JwtFromAnotherNamespace_Returns403NamespaceNotAuthorized()
    {
        await using var vault = await VaultTestDouble.StartAsync();
        vault.CreateKubernetesRole("gateway", "ai-gateway", "ai", ["gateway"], TimeSpan.FromHours(1));
        var stagingJwt = vault.CreateKubernetesRole("staging-gateway", "ai-gateway", "ai-staging", ["gateway"], TimeSpan.FromHours(1));
        using var client = new VaultTestClient(vault);

        var reply = await client.PostAsync("v1/auth/kubernetes/login", null, $$"""{"role":"gateway","jwt":"{{stagingJwt}}"}""");

        Assert.Equal(403, reply.Code);
        Assert.Equal("namespace not authorized", reply.SingleError);
    }

    [Theory]
    [InlineData("""{"jwt":"x"}""", "missing role")]
    [InlineData("""{"role":"gateway"}""", "missing jwt")]
    [InlineData("""{"role":"nope","jwt":"x"}""", "invalid role name \"nope\"")]
    public async Task Login_BadRequest_Returns400WithVaultText(string body, string expected)
    {
        await using var vault = await VaultTestDouble.StartAsync();
        vault.CreateKubernetesRole("gateway", "ai-gateway", "ai", ["gateway"], TimeSpan.FromHours(1));
        using var client = new VaultTestClient(vault);

        var reply = await client.PostAsync("v1/auth/kubernetes/login", null, body);

        Assert.Equal(400, reply.Code);
        Assert.Equal(expected, reply.SingleError);
    }
}

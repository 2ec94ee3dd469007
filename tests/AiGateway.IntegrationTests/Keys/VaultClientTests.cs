using AiGateway.IntegrationTests.Infrastructure;
using AiGateway.Keys.Vault;
using AiGateway.VaultDouble;
using Microsoft.Extensions.Logging.Abstractions;

namespace AiGateway.IntegrationTests.Keys;

/// <summary>The gateway's Vault client against the Vault double over HTTP: every auth method, KV v2 semantics, typed errors.</summary>
public sealed class VaultClientTests : IAsyncLifetime
{
    private const string Mount = "holysheepai";
    private VaultTestDouble _vault = null!;
    private string _folder = null!;

    public async Task InitializeAsync()
    {
        _vault = await VaultTestDouble.StartAsync(new VaultDoubleOptions { PolicyDirectory = Path.Combine(TestPaths.RepositoryRoot, "policies", "vault") });
        _folder = TestPaths.NewTempFolder("vault-client");
    }

    public async Task DisposeAsync() => await _vault.DisposeAsync();

    [Fact]
    public async Task KubernetesAuth_ServiceAccountJwtFile_LogsInAndReads()
    {
        var jwt = _vault.CreateKubernetesRole("aigateway", "ai-gateway", "ai", ["gateway"], TimeSpan.FromHours(1));
        var jwtFile = await WriteAsync("sa-token", jwt);
        _vault.WriteSecret(Mount, "creds/analytics", new Dictionary<string, string> { ["api_key"] = "sk-k8s-0001", ["key_id"] = "k1" });
        using var connection = Connect(new VaultAuthOptions { Method = VaultAuthMethod.Kubernetes, Role = "aigateway", JwtFile = jwtFile });

        var secret = await connection.Client.ReadSecretAsync("creds/analytics", null, CancellationToken.None);

        Assert.Equal("sk-k8s-0001", secret!.Data["api_key"]);
        Assert.Contains(_vault.Requests, r => r.Path == "/v1/auth/kubernetes/login" && r.Body.Contains("\"role\":\"aigateway\"", StringComparison.Ordinal));
        Assert.DoesNotContain("sk-k8s-0001", secret.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task KubernetesAuth_WrongRole_FailsWithTypedErrorWithoutTheJwt()
    {
        var jwt = _vault.CreateKubernetesRole("aigateway", "ai-gateway", "ai", ["gateway"], TimeSpan.FromHours(1));
        using var connection = Connect(new VaultAuthOptions { Method = VaultAuthMethod.Kubernetes, Role = "someone-else", JwtFile = await WriteAsync("sa-token", jwt) });

        var error = await Assert.ThrowsAsync<VaultException>(() => connection.Client.ReadSecretAsync("creds/analytics", null, CancellationToken.None));

        Assert.InRange(error.StatusCode, 400, 403);
        Assert.DoesNotContain(jwt, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TokenAuth_TokenFile_UsesLookupSelfAndSendsNamespaceHeader()
    {
        var token = _vault.CreateToken(["gateway"], TimeSpan.FromHours(1));
        using var connection = Connect(new VaultAuthOptions { Method = VaultAuthMethod.Token, TokenFile = await WriteAsync("token", token + "\n") }, vaultNamespace: null);
        _vault.WriteSecret(Mount, "creds/rag-production", new Dictionary<string, string> { ["api_key"] = "sk-token-0001" });

        var secret = await connection.Client.ReadSecretAsync("creds/rag-production", null, CancellationToken.None);

        Assert.NotNull(secret);
        Assert.Contains(_vault.Requests, r => r.Path == "/v1/auth/token/lookup-self" && r.Headers["x-vault-token"] == token);
        Assert.Equal(1, connection.Session.LoginCount);
    }

    [Fact]
    public async Task Namespace_IsSentOnEveryCall()
    {
        var token = _vault.CreateToken(["gateway"], TimeSpan.FromHours(1));
        using var connection = Connect(new VaultAuthOptions { Method = VaultAuthMethod.Token, Token = token }, vaultNamespace: "team-a/");

        await Assert.ThrowsAnyAsync<VaultException>(() => connection.Client.ReadSecretAsync("creds/rag-production", null, CancellationToken.None));

        Assert.All(_vault.Requests.Where(r => r.Path.StartsWith("/v1/", StringComparison.Ordinal)), r => Assert.Equal("team-a/", r.Headers["x-vault-namespace"]));
    }

    [Fact]
    public async Task Kv_VersionsMetadataCasAndAbsence_BehaveAsVault()
    {
        var token = _vault.CreateToken(["key-rotation"], TimeSpan.FromHours(1));
        using var connection = Connect(new VaultAuthOptions { Method = VaultAuthMethod.Token, Token = token });
        var kv = connection.Client;

        var first = await kv.WriteSecretAsync("creds/new-service", new Dictionary<string, string> { ["api_key"] = "sk-v1" }, cas: 0, CancellationToken.None);
        var second = await kv.WriteSecretAsync("creds/new-service", new Dictionary<string, string> { ["api_key"] = "sk-v2" }, cas: first, CancellationToken.None);
        var conflict = await Assert.ThrowsAsync<VaultException>(() =>
            kv.WriteSecretAsync("creds/new-service", new Dictionary<string, string> { ["api_key"] = "sk-v3" }, cas: first, CancellationToken.None));
        await kv.WriteCustomMetadataAsync("creds/new-service", new Dictionary<string, string> { ["owner"] = "rag" }, CancellationToken.None);
        var latest = await kv.ReadSecretAsync("creds/new-service", null, CancellationToken.None);
        var older = await kv.ReadSecretAsync("creds/new-service", first, CancellationToken.None);
        var metadata = await kv.ReadMetadataAsync("creds/new-service", CancellationToken.None);
        var missing = await kv.ReadSecretAsync("creds/never-written", null, CancellationToken.None);
        var listed = await kv.ListAsync("creds", CancellationToken.None);

        Assert.Equal((1, 2), (first, second));
        Assert.True(conflict.IsCasMismatch);
        Assert.DoesNotContain("sk-v3", conflict.Message, StringComparison.Ordinal);
        Assert.Equal(("sk-v2", 2), (latest!.Data["api_key"], latest.Version));
        Assert.Equal("sk-v1", older!.Data["api_key"]);
        Assert.Equal(2, metadata!.CurrentVersion);
        Assert.Equal("rag", metadata.CustomMetadata["owner"]);
        Assert.Null(missing);
        Assert.Contains("new-service", listed);
    }

    [Fact]
    public async Task Sealed_SurfacesAsTransientTypedError()
    {
        var token = _vault.CreateToken(["gateway"], TimeSpan.FromHours(1));
        using var connection = Connect(new VaultAuthOptions { Method = VaultAuthMethod.Token, Token = token });
        await connection.Client.ReadSecretAsync("creds/x", null, CancellationToken.None);
        _vault.Sealed = true;

        var error = await Assert.ThrowsAsync<VaultException>(() => connection.Client.ReadSecretAsync("creds/x", null, CancellationToken.None));
        var healthy = await connection.Client.IsHealthyAsync(CancellationToken.None);

        Assert.True(error.IsSealed && error.IsTransient);
        Assert.Contains("Vault is sealed", error.Message, StringComparison.Ordinal);
        Assert.False(healthy);
    }

    [Fact]
    public async Task RevokedToken_IsReplacedByAFreshLoginTransparently()
    {
        var (roleId, secretId) = _vault.CreateAppRole("aigateway", ["gateway"], TimeSpan.FromHours(1));
        using var connection = Connect(new VaultAuthOptions { Method = VaultAuthMethod.AppRole, RoleId = roleId, SecretIdFile = await WriteAsync("secret-id", secretId) });
        await connection.Client.ReadSecretAsync("creds/x", null, CancellationToken.None);
        var firstToken = _vault.Requests.Last(r => r.Path.StartsWith("/v1/holysheepai/", StringComparison.Ordinal)).Headers["x-vault-token"];
        _vault.RevokeToken(firstToken);

        await connection.Client.ReadSecretAsync("creds/x", null, CancellationToken.None);

        Assert.Equal(2, connection.Session.LoginCount);
    }

    private VaultConnection Connect(VaultAuthOptions auth, string? vaultNamespace = null) => new(new VaultOptions
    {
        Address = _vault.Address.ToString(),
        Namespace = vaultNamespace,
        Auth = auth,
    }, TimeProvider.System, NullLoggerFactory.Instance);

    private async Task<string> WriteAsync(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        await File.WriteAllTextAsync(path, content);
        return path;
    }
}

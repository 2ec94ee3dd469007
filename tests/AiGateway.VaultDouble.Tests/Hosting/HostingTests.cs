using Microsoft.Extensions.Configuration;

namespace AiGateway.VaultDouble.Tests;

/// <summary>Starting the double: the public surface, options, policy loading and the standalone host.</summary>
public sealed class HostingTests
{
    [Fact]
    public void PublicApi_ExportedTypes_AreExactlyTheDocumentedOnes()
    {
        var exported = typeof(VaultTestDouble).Assembly.GetExportedTypes().Select(static t => t.FullName).Order(StringComparer.Ordinal);

        Assert.Equal(
            ["AiGateway.VaultDouble.VaultDoubleOptions", "AiGateway.VaultDouble.VaultFaults", "AiGateway.VaultDouble.VaultRequestRecord", "AiGateway.VaultDouble.VaultTestDouble"],
            exported);
    }

    [Fact]
    public async Task StartAsync_Defaults_ListensOnLoopbackWithoutV1()
    {
        await using var vault = await VaultTestDouble.StartAsync();

        Assert.Equal("127.0.0.1", vault.Address.Host);
        Assert.NotEqual(0, vault.Address.Port);
        Assert.Equal("/", vault.Address.AbsolutePath);
        Assert.Equal("root-test-double", vault.RootToken);
        Assert.Same(TimeProvider.System, vault.Time);
    }

    [Fact]
    public async Task StartAsync_InvalidOptions_ThrowsListingEveryProblem()
    {
        var options = new VaultDoubleOptions { RootToken = " ", KvV2Mounts = ["sys", "kv", "kv/"], AppRoleMount = "token" };

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => VaultTestDouble.StartAsync(options));

        Assert.Contains("RootToken", error.Message, StringComparison.Ordinal);
        Assert.Contains("'sys' is reserved", error.Message, StringComparison.Ordinal);
        Assert.Contains("'kv' twice", error.Message, StringComparison.Ordinal);
        Assert.Contains("'token'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_MissingPolicyDirectory_Throws()
    {
        var options = new VaultDoubleOptions { PolicyDirectory = Path.Combine(Path.GetTempPath(), "no-such-dir-" + Guid.NewGuid()) };

        await Assert.ThrowsAsync<DirectoryNotFoundException>(() => VaultTestDouble.StartAsync(options));
    }

    [Fact]
    public async Task LoadPolicies_Directory_NamesEachPolicyAfterItsFile()
    {
        var dir = Directory.CreateTempSubdirectory("vault-policies-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(dir.FullName, "Reader.hcl"), """path "holysheepai/data/*" { capabilities = ["read"] }""");
            await File.WriteAllTextAsync(Path.Combine(dir.FullName, "notes.txt"), "not a policy");
            await using var vault = await VaultTestDouble.StartAsync();
            vault.WriteSecret("holysheepai", "x", new Dictionary<string, string> { ["k"] = "v" });
            using var client = new VaultTestClient(vault);

            vault.LoadPolicies(dir.FullName);
            var reply = await client.GetAsync("v1/holysheepai/data/x", vault.CreateToken(["reader"], TimeSpan.FromHours(1)));

            Assert.Equal(200, reply.Code);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task LoadPolicies_BrokenFile_ErrorNamesFileAndLine()
    {
        var dir = Directory.CreateTempSubdirectory("vault-policies-");
        try
        {
            var file = Path.Combine(dir.FullName, "broken.hcl");
            await File.WriteAllTextAsync(file, "# ok\npath \"a\" {\n  capabilities = [\"raed\"]\n}\n");
            await using var vault = await VaultTestDouble.StartAsync();

            var error = Assert.Throws<FormatException>(() => vault.LoadPolicies(dir.FullName));

            Assert.StartsWith(file + ":3:", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Standalone_ArgsWithPoliciesAndSeedFile_ServesSeededStateAndPrintsTestDoubleBanner()
    {
        var dir = Directory.CreateTempSubdirectory("vault-seed-");
        try
        {
            var seed = Path.Combine(dir.FullName, "seed.json");
            await File.WriteAllTextAsync(seed, """
                {
                  // comments are allowed
                  "secrets": { "holysheepai/creds/rag-production": { "api_key": "sk-seeded", "key_id": "key-1" } },
                  "approle": { "gateway": { "role_id": "gw-role", "secret_id": "gw-secret", "policies": ["gateway"], "ttl": "30m" } }
                }
                """);
            string[] args = ["--urls", "http://127.0.0.1:0", "--policies", RepositoryRoot.VaultPolicies, "--seed-file", seed, "--VaultDouble:RootToken", "dev-root"];
            var host = VaultDoubleApp.Build(args, options: null, TimeProvider.System);
            await using var app = host.App;
            await app.StartAsync();
            using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };

            using var login = await http.PostAsync("v1/auth/approle/login", new StringContent("""{"role_id":"gw-role","secret_id":"gw-secret"}"""));
            var token = System.Text.Json.Nodes.JsonNode.Parse(await login.Content.ReadAsStringAsync())!["auth"]!["client_token"]!.GetValue<string>();
            using var request = new HttpRequestMessage(HttpMethod.Get, "v1/holysheepai/data/creds/rag-production");
            request.Headers.Add("X-Vault-Token", token);
            using var read = await http.SendAsync(request);
            var banner = VaultDoubleBanner.Describe(app.Urls, host);
            await app.StopAsync();

            Assert.Equal(System.Net.HttpStatusCode.OK, read.StatusCode);
            Assert.Contains("sk-seeded", await read.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Contains("TEST DOUBLE", banner, StringComparison.Ordinal);
            Assert.Contains("NOT Vault", banner, StringComparison.Ordinal);
            Assert.Contains("NEVER use it in production", banner, StringComparison.Ordinal);
            Assert.Contains("Root token   : dev-root", banner, StringComparison.Ordinal);
            Assert.Contains("key-rotation", banner, StringComparison.Ordinal);
            Assert.Contains("role_id=gw-role", banner, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Standalone_SeedFileWithUnknownKey_RefusesToStart()
    {
        var dir = Directory.CreateTempSubdirectory("vault-seed-");
        try
        {
            var seed = Path.Combine(dir.FullName, "seed.json");
            File.WriteAllText(seed, """{"secretz":{}}""");

            var error = Assert.Throws<InvalidDataException>(() => VaultDoubleApp.Build(["--urls", "http://127.0.0.1:0", "--seed-file", seed], null, TimeProvider.System));

            Assert.Contains(seed, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void OptionsBinder_ConfiguredMounts_ReplaceTheDefaultList()
    {
        var config = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["VaultDouble:KvV2Mounts:0"] = "kv",
                ["VaultDouble:AppRoleMount"] = "ai-approle",
            })
            .Build();

        var options = VaultDoubleOptionsBinder.Bind(config.GetSection(VaultDoubleOptions.SectionName));

        Assert.Equal(["kv"], options.KvV2Mounts);
        Assert.Equal("ai-approle", options.AppRoleMount);
        Assert.Equal("kubernetes", options.KubernetesMount);
    }
}

using AiGateway.VaultDouble;
using Microsoft.Extensions.DependencyInjection;

namespace AiGateway.IntegrationTests.Infrastructure;

/// <summary>
/// The upstream simulator, the Vault test double (with the shipped <c>policies/vault</c> ACLs) and a gateway
/// that logs in with AppRole as the <c>gateway</c> policy and reads every team's key from Vault.
/// Vault and the gateway share one clock, which tests may control.
/// </summary>
public sealed class VaultTestBed : IAsyncDisposable
{
    public const string Mount = "holysheepai";

    private VaultTestBed(UpstreamSimulator.UpstreamSimulator simulator, VaultTestDouble vault, GatewayHost gateway)
    {
        Simulator = simulator;
        Vault = vault;
        Gateway = gateway;
    }

    public UpstreamSimulator.UpstreamSimulator Simulator { get; }

    public VaultTestDouble Vault { get; }

    public GatewayHost Gateway { get; }

    public static async Task<VaultTestBed> StartAsync(TimeProvider? time = null, TimeSpan? tokenTtl = null, TimeSpan? tokenMaxTtl = null,
        IDictionary<string, string?>? settings = null)
    {
        var simulator = await UpstreamSimulator.UpstreamSimulator.StartAsync(GatewayHost.SimulatorOptions());
        var vault = await VaultTestDouble.StartAsync(new VaultDoubleOptions { PolicyDirectory = Path.Combine(TestPaths.RepositoryRoot, "policies", "vault") }, time);
        foreach (var (path, key) in GatewayHost.TeamKeys)
        {
            vault.WriteSecret(Mount, path, new Dictionary<string, string> { ["api_key"] = key, ["key_id"] = simulator.Keys.FindId(key)! });
        }
        var (roleId, secretId) = vault.CreateAppRole("aigateway", ["gateway"], tokenTtl ?? TimeSpan.FromHours(1), tokenMaxTtl ?? TimeSpan.FromHours(24));
        var secrets = TestPaths.NewTempFolder("approle");
        await File.WriteAllTextAsync(Path.Combine(secrets, "role-id"), roleId);
        await File.WriteAllTextAsync(Path.Combine(secrets, "secret-id"), secretId + "\n");

        var config = new Dictionary<string, string?>
        {
            ["Keys:Provider"] = "Vault",
            ["Vault:Address"] = vault.Address.ToString(),
            ["Vault:Auth:Method"] = "AppRole",
            ["Vault:Auth:RoleIdFile"] = Path.Combine(secrets, "role-id"),
            ["Vault:Auth:SecretIdFile"] = Path.Combine(secrets, "secret-id"),
            ["Vault:RefreshSeconds"] = "60",
            ["Vault:StaleGraceSeconds"] = "600",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            config[key] = value;
        }
        var gateway = await GatewayHost.StartAsync(simulator.BaseUrl, config,
            services: time is null ? null : s => s.AddSingleton(time));
        return new VaultTestBed(simulator, vault, gateway);
    }

    public async ValueTask DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Vault.DisposeAsync();
        await Simulator.DisposeAsync();
    }
}

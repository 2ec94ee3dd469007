using System.Net;
using System.Net.Http.Headers;
using AiGateway.Keys.Vault;
using AiGateway.KeyRotation.Provider;
using AiGateway.KeyRotation.Rotation;
using AiGateway.UpstreamSimulator;
using AiGateway.VaultDouble;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Sim = AiGateway.UpstreamSimulator.UpstreamSimulator;

namespace AiGateway.KeyRotation.Tests.Infrastructure;

/// <summary>
/// Real components over loopback HTTP: the Vault double with the shipped <c>policies/vault</c> and an AppRole
/// <c>aigateway-rotation</c> bound to <c>key-rotation</c> (as <c>deploy/vault/bootstrap.sh</c> sets it up), and the
/// upstream simulator with its key-management API. One per test, so tests share nothing.
/// </summary>
internal sealed class RotationTestEnvironment : IAsyncDisposable
{
    public const string Mount = "holysheepai";
    public const string RotationRole = "aigateway-rotation";

    private readonly List<IDisposable> _owned = [];

    private RotationTestEnvironment(VaultTestDouble vault, Sim simulator, string folder, string roleIdFile, string secretIdFile, string secretId, string adminKey)
    {
        Vault = vault;
        Simulator = simulator;
        Folder = folder;
        RoleIdFile = roleIdFile;
        SecretIdFile = secretIdFile;
        SecretId = secretId;
        AdminKey = adminKey;
        Root = Own(new VaultConnection(new VaultOptions { Address = vault.Address.ToString(), Auth = { Method = VaultAuthMethod.Token, Token = vault.RootToken } },
            TimeProvider.System, NullLoggerFactory.Instance)).Client;
    }

    public VaultTestDouble Vault { get; }

    public Sim Simulator { get; }

    /// <summary>A private temp folder (role-id, secret-id and admin-key files live here).</summary>
    public string Folder { get; }

    public string RoleIdFile { get; }

    public string SecretIdFile { get; }

    /// <summary>The AppRole secret_id: a credential, so leak tests look for it too.</summary>
    public string SecretId { get; }

    /// <summary>The simulator's key-management credential; unique per test so leak assertions cannot pass by luck.</summary>
    public string AdminKey { get; }

    /// <summary>A client with the root token, for seeding and for checking what the tool left behind.</summary>
    public IVaultClient Root { get; }

    public static async Task<RotationTestEnvironment> StartAsync()
    {
        var vault = await VaultTestDouble.StartAsync(new VaultDoubleOptions { PolicyDirectory = RepositoryPaths.VaultPolicies });
        var adminKey = "sim-admin-" + Guid.NewGuid().ToString("N");
        var simulator = await Sim.StartAsync(new SimulatorOptions { AdminKey = adminKey });
        var (roleId, secretId) = vault.CreateAppRole(RotationRole, ["key-rotation"], TimeSpan.FromMinutes(15), TimeSpan.FromHours(2), 0);
        var folder = RepositoryPaths.NewTempFolder("rotation");
        var roleIdFile = Path.Combine(folder, "role-id");
        var secretIdFile = Path.Combine(folder, "secret-id");
        await File.WriteAllTextAsync(roleIdFile, roleId);
        await File.WriteAllTextAsync(secretIdFile, secretId);
        return new RotationTestEnvironment(vault, simulator, folder, roleIdFile, secretIdFile, secretId, adminKey);
    }

    /// <summary>Vault settings of the rotation tool: AppRole <c>aigateway-rotation</c> from files.</summary>
    public VaultOptions RotationVaultOptions() => new()
    {
        Address = Vault.Address.ToString(),
        Auth = { Method = VaultAuthMethod.AppRole, RoleIdFile = RoleIdFile, SecretIdFile = SecretIdFile },
    };

    /// <summary>The tool's own Vault client, logged in through the AppRole (the real login path).</summary>
    public IVaultClient ConnectAsRotationTool(ILoggerFactory? logs = null) =>
        Own(new VaultConnection(RotationVaultOptions(), TimeProvider.System, logs ?? NullLoggerFactory.Instance)).Client;

    /// <summary>A Vault client holding a token with exactly <paramref name="policies"/>.</summary>
    public IVaultClient ConnectWithPolicies(params string[] policies)
    {
        var token = Vault.CreateToken(policies, TimeSpan.FromMinutes(15), true, TimeSpan.FromHours(1));
        return Own(new VaultConnection(new VaultOptions { Address = Vault.Address.ToString(), Auth = { Method = VaultAuthMethod.Token, Token = token } },
            TimeProvider.System, NullLoggerFactory.Instance)).Client;
    }

    public IProviderKeyClient Provider(string? adminKey = null)
    {
        var http = Own(new HttpClient { BaseAddress = new Uri(Simulator.BaseUrl + "/") });
        return new HttpProviderKeyClient(http, adminKey ?? AdminKey);
    }

    public KeyRotator Rotator(IVaultClient vault, TimeProvider? time = null, ILoggerFactory? logs = null, IProviderKeyClient? provider = null, int defaultMaxAgeDays = 90) =>
        new(vault, provider ?? Provider(), time ?? TimeProvider.System,
            new RotationOptions { Actor = "rotation-test", DefaultMaxAgeDays = defaultMaxAgeDays },
            (logs ?? NullLoggerFactory.Instance).CreateLogger<KeyRotator>());

    /// <summary>
    /// Gives <paramref name="service"/> a live provider key and stores it at <c>creds/&lt;service&gt;</c>, with
    /// optional custom metadata. <paramref name="keyId"/> overrides the id stored in Vault (e.g. one the provider never issued).
    /// </summary>
    public async Task<SeededService> SeedAsync(string service, IReadOnlyDictionary<string, string>? customMetadata = null, string? keyId = null)
    {
        var apiKey = "sk-sim-seed" + Guid.NewGuid().ToString("N");
        var id = Simulator.Keys.Add(apiKey, service);
        var version = Vault.WriteSecret(Mount, "creds/" + service, new Dictionary<string, string> { ["api_key"] = apiKey, ["key_id"] = keyId ?? id });
        if (customMetadata is not null)
        {
            await Root.WriteCustomMetadataAsync("creds/" + service, customMetadata, CancellationToken.None);
        }
        return new SeededService(service, apiKey, keyId ?? id, version);
    }

    /// <summary>The key as Vault now holds it (read with the root token).</summary>
    public async Task<KvSecret> CurrentSecretAsync(string service) =>
        await Root.ReadSecretAsync("creds/" + service, null, CancellationToken.None) ?? throw new InvalidOperationException($"creds/{service} is gone");

    public bool IsRevoked(string keyId) => Simulator.Keys.List().Single(k => k.Id == keyId).Revoked;

    /// <summary>Calls the simulator's model list with <paramref name="apiKey"/>: the proof that a key really works.</summary>
    public async Task<HttpStatusCode> CallUpstreamAsync(string apiKey)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, Simulator.BaseUrl + "/models");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    private T Own<T>(T disposable) where T : IDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var item in _owned)
        {
            item.Dispose();
        }
        await Simulator.DisposeAsync();
        await Vault.DisposeAsync();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp folder left behind is harmless.
        }
    }
}

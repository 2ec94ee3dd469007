using System.Text.Json.Nodes;

namespace AiGateway.Keys.Vault;

/// <summary>Kubernetes login with the pod's service-account JWT, re-read at every login because projected tokens rotate.</summary>
internal sealed class KubernetesAuthMethod : IVaultAuthMethod
{
    private readonly string _mount;
    private readonly string _role;
    private readonly string _jwtFile;

    public KubernetesAuthMethod(string mount, string role, string jwtFile)
    {
        _mount = mount;
        _role = role;
        _jwtFile = jwtFile;
    }

    public string Name => "kubernetes";

    public async Task<VaultLogin> LoginAsync(VaultTransport transport, CancellationToken cancellationToken)
    {
        var jwt = (await File.ReadAllTextAsync(_jwtFile, cancellationToken).ConfigureAwait(false)).Trim();
        var body = new JsonObject { ["role"] = _role, ["jwt"] = jwt };
        var response = await transport.SendAsync(HttpMethod.Post, $"auth/{_mount}/login", body, token: null, notFoundIsNull: false, cancellationToken).ConfigureAwait(false)
            ?? throw new VaultException("Vault returned an empty Kubernetes login response.");
        return VaultLogin.FromAuth(response);
    }
}

using System.Text.Json.Nodes;

namespace AiGateway.Keys.Vault;

/// <summary>AppRole login: role_id (configured or from a file) and secret_id from a file, read at every login.</summary>
internal sealed class AppRoleAuthMethod : IVaultAuthMethod
{
    private readonly string _mount;
    private readonly string? _roleId;
    private readonly string? _roleIdFile;
    private readonly string? _secretIdFile;

    public AppRoleAuthMethod(string mount, string? roleId, string? roleIdFile, string? secretIdFile)
    {
        _mount = mount;
        _roleId = roleId;
        _roleIdFile = roleIdFile;
        _secretIdFile = secretIdFile;
    }

    public string Name => "approle";

    public async Task<VaultLogin> LoginAsync(VaultTransport transport, CancellationToken cancellationToken)
    {
        var roleId = _roleIdFile is not null ? (await File.ReadAllTextAsync(_roleIdFile, cancellationToken).ConfigureAwait(false)).Trim() : _roleId!.Trim();
        var secretId = _secretIdFile is not null ? (await File.ReadAllTextAsync(_secretIdFile, cancellationToken).ConfigureAwait(false)).Trim() : null;
        var body = new JsonObject { ["role_id"] = roleId, ["secret_id"] = secretId };
        var response = await transport.SendAsync(HttpMethod.Post, $"auth/{_mount}/login", body, token: null, notFoundIsNull: false, cancellationToken).ConfigureAwait(false)
            ?? throw new VaultException("Vault returned an empty AppRole login response.");
        return VaultLogin.FromAuth(response);
    }
}

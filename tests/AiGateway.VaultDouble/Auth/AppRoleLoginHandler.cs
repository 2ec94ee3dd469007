namespace AiGateway.VaultDouble;

/// <summary>
/// <c>POST auth/&lt;mount&gt;/login</c> with <c>{"role_id","secret_id"}</c> (secret_id may be JSON null, as hvac
/// sends it): answers the A.1 body, or 400 with Vault's texts.
/// </summary>
internal sealed class AppRoleLoginHandler(string mount, AppRoleStore roles, TokenStore tokens) : ILoginHandler
{
    public string Path { get; } = $"auth/{mount}/login";

    public VaultResponse Login(VaultRequest request)
    {
        if (request.Operation is not (VaultOperation.Create or VaultOperation.Update))
        {
            return VaultResponse.UnsupportedOperation();
        }

        var roleId = JsonFields.GetString(request.Body, "role_id");
        if (string.IsNullOrEmpty(roleId))
        {
            return VaultResponse.BadRequest("missing role_id");
        }

        var secretId = JsonFields.GetString(request.Body, "secret_id");
        if (string.IsNullOrEmpty(secretId))
        {
            return VaultResponse.BadRequest("missing secret_id");
        }

        if (roles.Authenticate(roleId, secretId) is not { } role)
        {
            return VaultResponse.BadRequest(AppRoleStore.InvalidCredentials);
        }

        var token = tokens.Create(new TokenSpec
        {
            Policies = role.Policies,
            Ttl = role.TokenTtl,
            MaxTtl = role.TokenMaxTtl,
            Path = Path,
            DisplayName = mount,
            Meta = new Dictionary<string, string>(StringComparer.Ordinal) { ["role_name"] = role.Name },
            EntityId = role.EntityId,
            Orphan = true,
        });
        return LoginResponse.Create(token, "approle");
    }
}

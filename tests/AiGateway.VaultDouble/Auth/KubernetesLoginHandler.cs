namespace AiGateway.VaultDouble;

/// <summary>
/// <c>POST auth/&lt;mount&gt;/login</c> with <c>{"role","jwt"}</c>: the A.4 body, or Vault's errors in the plugin's
/// order (missing role, missing jwt, unknown role, unknown JWT, service account name, namespace).
/// </summary>
internal sealed class KubernetesLoginHandler(string mount, KubernetesRoleStore roles, TokenStore tokens) : ILoginHandler
{
    public string Path { get; } = $"auth/{mount}/login";

    public VaultResponse Login(VaultRequest request)
    {
        if (request.Operation is not (VaultOperation.Create or VaultOperation.Update))
        {
            return VaultResponse.UnsupportedOperation();
        }

        var roleName = JsonFields.GetString(request.Body, "role");
        if (string.IsNullOrEmpty(roleName))
        {
            return VaultResponse.BadRequest("missing role");
        }

        var jwt = JsonFields.GetString(request.Body, "jwt");
        if (string.IsNullOrEmpty(jwt))
        {
            return VaultResponse.BadRequest("missing jwt");
        }

        if (roles.FindRole(roleName) is not { } role)
        {
            return VaultResponse.BadRequest($"invalid role name \"{roleName}\"");
        }

        // A JWT the double did not issue is what a bad signature or a failed TokenReview is to Vault.
        if (roles.Review(jwt) is not { } account)
        {
            return VaultResponse.Error(403, VaultErrors.PermissionDenied);
        }

        if (account.Name != role.ServiceAccountName)
        {
            return VaultResponse.Error(403, "service account name not authorized");
        }

        if (account.Namespace != role.ServiceAccountNamespace)
        {
            return VaultResponse.Error(403, "namespace not authorized");
        }

        var token = tokens.Create(new TokenSpec
        {
            Policies = role.Policies,
            Ttl = role.TokenTtl,
            Path = Path,
            DisplayName = $"{mount}-{account.Namespace}-{account.Name}",
            Meta = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["role"] = role.Name,
                ["service_account_name"] = account.Name,
                ["service_account_namespace"] = account.Namespace,
                ["service_account_secret_name"] = "",
                ["service_account_uid"] = account.Uid,
            },
            EntityId = role.EntityId,
            Orphan = true,
        });
        return LoginResponse.Create(token, "kubernetes");
    }
}

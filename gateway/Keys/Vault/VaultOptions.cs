namespace AiGateway.Keys.Vault;

/// <summary>HashiCorp Vault connection and key layout (section <c>Vault</c>), used when <c>Keys:Provider</c> is <c>Vault</c>.</summary>
public sealed class VaultOptions
{
    public const string SectionName = "Vault";

    /// <summary>Vault address, e.g. https://vault.internal:8200 (no /v1).</summary>
    public string? Address { get; set; }

    /// <summary>Vault Enterprise namespace sent as <c>X-Vault-Namespace</c>; unset for the root namespace.</summary>
    public string? Namespace { get; set; }

    /// <summary>KV v2 mount holding the upstream keys. Default <c>holysheepai</c>.</summary>
    public string Mount { get; set; } = "holysheepai";

    /// <summary>PEM file of the CA that signed Vault's certificate, when it is not in the system store.</summary>
    public string? CaCertFile { get; set; }

    /// <summary>Per-call timeout in seconds. Default 10.</summary>
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>How often every team's key is re-read, in seconds. Default 60; keep it well under the rotation grace period.</summary>
    public int RefreshSeconds { get; set; } = 60;

    /// <summary>
    /// How long a cached key keeps serving after the last successful read when Vault cannot be reached,
    /// in seconds; past it the team gets 503 until Vault answers. Default 3600.
    /// </summary>
    public int StaleGraceSeconds { get; set; } = 3600;

    public VaultAuthOptions Auth { get; set; } = new();
}

/// <summary>How the gateway logs in to Vault (section <c>Vault:Auth</c>).</summary>
public sealed class VaultAuthOptions
{
    /// <summary><c>Token</c>, <c>AppRole</c> or <c>Kubernetes</c>. Default AppRole.</summary>
    public VaultAuthMethod Method { get; set; } = VaultAuthMethod.AppRole;

    /// <summary>Auth mount path; default <c>approle</c> or <c>kubernetes</c> by method.</summary>
    public string? MountPath { get; set; }

    /// <summary>Token method: the token (prefer <see cref="TokenFile"/> so it stays out of configuration dumps).</summary>
    public string? Token { get; set; }

    /// <summary>Token method: file holding the token (e.g. a Vault Agent sink).</summary>
    public string? TokenFile { get; set; }

    /// <summary>AppRole: the role_id (not secret), or use <see cref="RoleIdFile"/>.</summary>
    public string? RoleId { get; set; }

    /// <summary>AppRole: file holding the role_id.</summary>
    public string? RoleIdFile { get; set; }

    /// <summary>AppRole: file holding the secret_id; read at every login so it can be replaced without a restart.</summary>
    public string? SecretIdFile { get; set; }

    /// <summary>Kubernetes: the Vault role to log in as.</summary>
    public string? Role { get; set; }

    /// <summary>Kubernetes: the service-account JWT file. Default the projected token path.</summary>
    public string JwtFile { get; set; } = "/var/run/secrets/kubernetes.io/serviceaccount/token";
}

/// <summary>Vault auth methods the gateway supports.</summary>
public enum VaultAuthMethod
{
    Token,
    AppRole,
    Kubernetes,
}

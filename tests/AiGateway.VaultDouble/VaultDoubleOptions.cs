namespace AiGateway.VaultDouble;

/// <summary>
/// Start-up settings of a <see cref="VaultTestDouble"/>. The standalone host binds them from the
/// <c>VaultDouble</c> configuration section; the double copies them when it starts, so later changes have no effect.
/// </summary>
public sealed class VaultDoubleOptions
{
    /// <summary>The configuration section the standalone host binds: <c>VaultDouble</c>.</summary>
    public const string SectionName = "VaultDouble";

    /// <summary>The root token (built-in <c>root</c> policy, never expires). Default <c>root-test-double</c>.</summary>
    public string RootToken { get; set; } = "root-test-double";

    /// <summary>KV version 2 engines enabled at start, by mount path (no slashes needed). Default <c>holysheepai</c>.</summary>
    public List<string> KvV2Mounts { get; set; } = ["holysheepai"];

    /// <summary>
    /// A folder whose <c>*.hcl</c> files are loaded as ACL policies at start (policy name = file name without
    /// <c>.hcl</c>). Null (the default) loads none: only the built-in <c>root</c> and <c>default</c> policies exist.
    /// </summary>
    public string? PolicyDirectory { get; set; }

    /// <summary>Mount path of the AppRole auth method, as in <c>/v1/auth/{mount}/login</c>. Default <c>approle</c>.</summary>
    public string AppRoleMount { get; set; } = "approle";

    /// <summary>Mount path of the Kubernetes auth method, as in <c>/v1/auth/{mount}/login</c>. Default <c>kubernetes</c>.</summary>
    public string KubernetesMount { get; set; } = "kubernetes";
}

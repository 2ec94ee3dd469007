namespace AiGateway.Admin;

/// <summary>The admin API listener and its bootstrap credential (section <c>Admin</c>).</summary>
public sealed class AdminOptions
{
    public const string SectionName = "Admin";

    /// <summary>Admin listener, separate from the proxy port, <c>;</c>-separated. Default http://127.0.0.1:8081. Keep it off the apps' network.</summary>
    public string Urls { get; set; } = "http://127.0.0.1:8081";

    /// <summary>
    /// Bearer credential with the admin role (env <c>Admin__BootstrapToken</c>). Unset: one is generated on
    /// first start into <c>admin-bootstrap-token</c> in the data folder, and its location is logged.
    /// </summary>
    public string? BootstrapToken { get; set; }
}

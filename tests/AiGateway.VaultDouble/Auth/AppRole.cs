namespace AiGateway.VaultDouble;

/// <summary>An AppRole role (always <c>bind_secret_id=true</c>) and the token settings its logins get.</summary>
internal sealed record AppRole(
    string Name,
    string RoleId,
    IReadOnlyList<string> Policies,
    TimeSpan TokenTtl,
    TimeSpan? TokenMaxTtl,
    string EntityId);

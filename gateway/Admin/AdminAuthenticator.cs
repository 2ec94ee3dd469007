using System.Security.Claims;
using AiGateway.Auth;

namespace AiGateway.Admin;

/// <summary>
/// Checks admin bearer credentials: the bootstrap credential from configuration, or a stored admin
/// credential. Both are compared as keyed hashes in constant time.
/// </summary>
internal sealed class AdminAuthenticator
{
    public const string BootstrapPrincipalId = "bootstrap";

    private readonly TokenHasher _hasher;
    private readonly AdminCredentialStore _store;
    private readonly TokenHash _bootstrapHash;

    public AdminAuthenticator(TokenHasher hasher, AdminCredentialStore store, AdminBootstrapToken bootstrap)
    {
        _hasher = hasher;
        _store = store;
        _bootstrapHash = hasher.Hash(bootstrap.Value);
    }

    public ClaimsPrincipal? Authenticate(ReadOnlySpan<char> credential)
    {
        if (credential.IsEmpty || credential.Length > 256)
        {
            return null;
        }
        var hash = _hasher.Hash(credential);
        if (TokenHasher.FixedTimeEquals(hash, _bootstrapHash))
        {
            return Principal(BootstrapPrincipalId, "bootstrap", AdminRole.Admin, null);
        }
        if (!TokenFormat.IsWellFormed(credential, TokenFormat.AdminPrefix))
        {
            return null;
        }
        return _store.FindActive(hash) is { } record ? Principal(record.Id, record.Name, record.Role, record.Team) : null;
    }

    private static ClaimsPrincipal Principal(string id, string name, AdminRole role, string? team)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, id),
            new(ClaimTypes.Name, name),
            new(ClaimTypes.Role, AdminRoleNames.ToName(role)),
        };
        if (team is not null)
        {
            claims.Add(new Claim(AdminPolicies.TeamClaim, team));
        }
        return new ClaimsPrincipal(new ClaimsIdentity(claims, AdminPolicies.Scheme));
    }
}

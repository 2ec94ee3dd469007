namespace AiGateway.VaultDouble;

/// <summary>
/// AppRole roles and their SecretIDs. Re-creating a role keeps its RoleID (as Vault does) and adds a SecretID;
/// a SecretID with a use limit disappears when it is used up.
/// </summary>
internal sealed class AppRoleStore
{
    public const string InvalidCredentials = "invalid role or secret ID";

    private readonly Lock _lock = new();
    private readonly Dictionary<string, AppRole> _rolesByName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _roleNamesById = new(StringComparer.Ordinal);

    // (role name, secret id) → uses left; 0 = unlimited.
    private readonly Dictionary<(string Role, string SecretId), int> _secretIds = [];

    public (string RoleId, string SecretId) Create(
        string roleName,
        IEnumerable<string> policies,
        TimeSpan tokenTtl,
        TimeSpan? tokenMaxTtl,
        int secretIdNumUses,
        string? roleId = null,
        string? secretId = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(roleName);
        ArgumentNullException.ThrowIfNull(policies);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(tokenTtl, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegative(secretIdNumUses);
        var name = roleName.Trim().ToLowerInvariant();
        lock (_lock)
        {
            var existing = _rolesByName.GetValueOrDefault(name);
            var id = roleId ?? existing?.RoleId ?? RandomIds.Uuid();
            if (_roleNamesById.TryGetValue(id, out var owner) && owner != name)
            {
                throw new ArgumentException($"RoleID '{id}' already belongs to AppRole '{owner}'.", nameof(roleId));
            }

            if (existing is not null && existing.RoleId != id)
            {
                _roleNamesById.Remove(existing.RoleId);
            }

            var role = new AppRole(name, id, [.. policies], tokenTtl, tokenMaxTtl, existing?.EntityId ?? RandomIds.Uuid());
            _rolesByName[name] = role;
            _roleNamesById[id] = name;
            var secret = secretId ?? RandomIds.Uuid();
            _secretIds[(name, secret)] = secretIdNumUses;
            return (id, secret);
        }
    }

    /// <summary>Checks a RoleID/SecretID pair and consumes one use of the SecretID; null when refused.</summary>
    public AppRole? Authenticate(string roleId, string secretId)
    {
        lock (_lock)
        {
            if (!_roleNamesById.TryGetValue(roleId, out var name) || !_secretIds.TryGetValue((name, secretId), out var usesLeft))
            {
                return null;
            }

            if (usesLeft == 1)
            {
                _secretIds.Remove((name, secretId));
            }
            else if (usesLeft > 1)
            {
                _secretIds[(name, secretId)] = usesLeft - 1;
            }

            return _rolesByName[name];
        }
    }
}

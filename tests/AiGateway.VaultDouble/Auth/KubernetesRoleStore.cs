namespace AiGateway.VaultDouble;

/// <summary>Kubernetes auth roles and the JWTs the double issued for them (its stand-in for TokenReview).</summary>
internal sealed class KubernetesRoleStore(TimeProvider time)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, KubernetesRole> _roles = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ServiceAccountIdentity> _issued = new(StringComparer.Ordinal);

    /// <summary>Creates or replaces a role bound to one service account, and returns a JWT for that account.</summary>
    public string Create(string roleName, string serviceAccountName, string serviceAccountNamespace, IEnumerable<string> policies, TimeSpan tokenTtl)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(roleName);
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceAccountName);
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceAccountNamespace);
        ArgumentNullException.ThrowIfNull(policies);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(tokenTtl, TimeSpan.Zero);
        var now = time.GetUtcNow();
        lock (_lock)
        {
            var entityId = _roles.GetValueOrDefault(roleName)?.EntityId ?? RandomIds.Uuid();
            _roles[roleName] = new KubernetesRole(roleName, serviceAccountName, serviceAccountNamespace, [.. policies], tokenTtl, entityId);

            // One UID per service account, as in a cluster: every JWT for it names the same account.
            var uid = _issued.Values.FirstOrDefault(a => a.Name == serviceAccountName && a.Namespace == serviceAccountNamespace)?.Uid
                ?? RandomIds.Uuid();
            var account = new ServiceAccountIdentity(serviceAccountName, serviceAccountNamespace, uid, now + ServiceAccountJwt.Lifetime);
            var jwt = ServiceAccountJwt.Create(account, now);
            _issued[jwt] = account;
            return jwt;
        }
    }

    public KubernetesRole? FindRole(string name)
    {
        lock (_lock)
        {
            return _roles.GetValueOrDefault(name);
        }
    }

    /// <summary>The service account of a JWT the double issued and that has not expired; null otherwise.</summary>
    public ServiceAccountIdentity? Review(string jwt)
    {
        lock (_lock)
        {
            return _issued.TryGetValue(jwt, out var account) && time.GetUtcNow() < account.Expires ? account : null;
        }
    }
}

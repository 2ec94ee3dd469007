namespace AiGateway.VaultDouble;

/// <summary>Everything one double holds: its options, clock, stores, faults, seal and request log.</summary>
internal sealed class VaultDoubleState
{
    /// <summary>Requests kept for inspection; the oldest are dropped beyond this, so a long standalone run stays bounded.</summary>
    public const int MaxRecordedRequests = 10_000;

    private volatile bool _sealed;

    public VaultDoubleState(VaultDoubleOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        Options = VaultDoubleOptionsValidator.Normalize(options);
        Time = time;
        Tokens = new TokenStore(time);
        Tokens.AddRoot(Options.RootToken);
        KubernetesRoles = new KubernetesRoleStore(time);
        KvMounts = Options.KvV2Mounts.ToDictionary(static m => m, m => new KvMount(m, time), StringComparer.Ordinal);
        LoadedPolicies = Options.PolicyDirectory is { } directory ? Policies.LoadDirectory(directory) : [];
    }

    /// <summary>A normalised copy of the start-up options (mount names without slashes).</summary>
    public VaultDoubleOptions Options { get; }

    public TimeProvider Time { get; }

    public PolicyStore Policies { get; } = new();

    /// <summary>The policy names loaded from <see cref="VaultDoubleOptions.PolicyDirectory"/> at start.</summary>
    public IReadOnlyList<string> LoadedPolicies { get; }

    public TokenStore Tokens { get; }

    public AppRoleStore AppRoles { get; } = new();

    public KubernetesRoleStore KubernetesRoles { get; }

    /// <summary>KV v2 mounts by name (no slashes).</summary>
    public IReadOnlyDictionary<string, KvMount> KvMounts { get; }

    public VaultFaults Faults { get; } = new();

    public RequestLog Requests { get; } = new(MaxRecordedRequests);

    public bool Sealed
    {
        get => _sealed;
        set => _sealed = value;
    }

    /// <summary>Finds a mount by name, forgiving surrounding slashes; the message lists the mounts that exist.</summary>
    public KvMount GetMount(string mount)
    {
        ArgumentNullException.ThrowIfNull(mount);
        return KvMounts.TryGetValue(mount.Trim('/'), out var found)
            ? found
            : throw new ArgumentException($"No KV v2 mount '{mount}'. Mounts: {string.Join(", ", KvMounts.Keys)}.", nameof(mount));
    }
}

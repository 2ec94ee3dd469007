namespace AiGateway.Policies;

/// <summary>
/// An immutable view of every team policy, swapped whole on reload so a request never sees half a change.
/// </summary>
public sealed class PolicySnapshot
{
    private readonly Dictionary<string, TeamPolicy> _teams;

    public PolicySnapshot(IEnumerable<TeamPolicy> teams, int version, DateTimeOffset loadedAt, Spend.Pricing.PriceTable? prices = null)
    {
        ArgumentNullException.ThrowIfNull(teams);
        _teams = teams.ToDictionary(t => t.Team, StringComparer.Ordinal);
        Version = version;
        LoadedAt = loadedAt;
        Prices = prices ?? Spend.Pricing.PriceTable.Empty;
    }

    /// <summary>The price table loaded with these policies (<c>pricing.json</c>); swapped together with them.</summary>
    public Spend.Pricing.PriceTable Prices { get; }

    public int Version { get; }

    public DateTimeOffset LoadedAt { get; }

    public IReadOnlyCollection<TeamPolicy> Teams => _teams.Values;

    public TeamPolicy? Find(string team) => _teams.GetValueOrDefault(team);
}

namespace AiGateway.Policies;

/// <summary>A validated, compiled team policy: what the request path reads.</summary>
public sealed class TeamPolicy
{
    public required string Team { get; init; }
    public string? Description { get; init; }
    public required IReadOnlyList<string> ModelPatterns { get; init; }
    public required ModelMatcher Models { get; init; }
    public required GatewayEndpoint Endpoints { get; init; }
    public required string UpstreamKey { get; init; }
    /// <summary>The team's own tokens- and requests-per-minute.</summary>
    public Limits.LimitSpec TeamLimits { get; init; }

    /// <summary>What each token of the team may use on its own.</summary>
    public Limits.LimitSpec TokenLimits { get; init; }

    /// <summary>Output cap written into requests that set none, so every admitted request has a bounded cost.</summary>
    public int DefaultMaxTokens { get; init; } = TeamPolicyValidator.DefaultMaxTokens;

    public int MaximumMaxTokens { get; init; } = TeamPolicyValidator.DefaultMaximumMaxTokens;

    /// <summary>True: lower a larger request to <see cref="MaximumMaxTokens"/>; false: refuse it (400).</summary>
    public bool ClampOverMaximum { get; init; }

    /// <summary>Monthly caps, alert threshold and spend-velocity breakers.</summary>
    public Spend.SpendPolicy Spend { get; init; } = AiGateway.Spend.SpendPolicy.None;

    /// <summary>The file it came from, for operators reading errors and the admin API.</summary>
    public required string SourceFile { get; init; }

    public bool Allows(GatewayEndpoint endpoint) => (Endpoints & endpoint) == endpoint;
}

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
    /// <summary>The file it came from, for operators reading errors and the admin API.</summary>
    public required string SourceFile { get; init; }

    public bool Allows(GatewayEndpoint endpoint) => (Endpoints & endpoint) == endpoint;
}

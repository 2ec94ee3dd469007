namespace AiGateway.DeployTests.Support;

/// <summary>What <see cref="PromQlScanner"/> found in one expression; <see cref="Errors"/> lists what it could not read.</summary>
internal sealed record PromQlScan(
    IReadOnlyList<SeriesSelector> Selectors,
    IReadOnlyList<GroupingClause> Groupings,
    IReadOnlyList<string> Errors);

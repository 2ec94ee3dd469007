namespace AiGateway.DeployTests.Support;

/// <summary>One entry of a promtool rule-test file's <c>tests</c>, reduced to what the deploy tests check.</summary>
internal sealed record RuleTestCase(
    string Name,
    IReadOnlyList<string> InputSeries,
    IReadOnlyList<string> Exprs,
    IReadOnlyList<string> ExpectedSampleSeries,
    IReadOnlyList<AlertExpectation> AlertTests);

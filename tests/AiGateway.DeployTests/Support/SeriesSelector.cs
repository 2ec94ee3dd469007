namespace AiGateway.DeployTests.Support;

/// <summary>A series selector: a metric name (or recording rule) and its label matchers.</summary>
internal sealed record SeriesSelector(string Name, IReadOnlyList<LabelMatcher> Matchers, int TokenIndex);

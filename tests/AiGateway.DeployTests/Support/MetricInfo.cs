namespace AiGateway.DeployTests.Support;

/// <summary>One line of metric-names.txt: a series family the gateway exports, its type and its labels.</summary>
internal sealed record MetricInfo(string Name, string Type, IReadOnlySet<string> Labels);

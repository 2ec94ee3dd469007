namespace AiGateway.DeployTests.Support;

/// <summary>One recording (<see cref="Record"/>) or alerting (<see cref="Alert"/>) rule of a rule file.</summary>
internal sealed record PrometheusRule(
    string Group,
    string? Record,
    string? Alert,
    string Expr,
    string? For,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> Annotations)
{
    public string DisplayName => Alert ?? Record ?? "(unnamed)";
}

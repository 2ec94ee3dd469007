namespace AiGateway.DeployTests.Support;

/// <summary>A lexical token of a PromQL expression.</summary>
internal readonly record struct PromQlToken(PromQlTokenKind Kind, string Text);

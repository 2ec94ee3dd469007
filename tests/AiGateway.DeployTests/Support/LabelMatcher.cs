namespace AiGateway.DeployTests.Support;

/// <summary>One <c>label op "value"</c> inside a selector's braces.</summary>
internal sealed record LabelMatcher(string Label, string Operator, string Value);

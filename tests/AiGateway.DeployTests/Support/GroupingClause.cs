namespace AiGateway.DeployTests.Support;

/// <summary>
/// <c>by</c>, <c>without</c>, <c>on</c>, <c>ignoring</c>, <c>group_left</c> or <c>group_right</c> and its label
/// list; <see cref="ScopeStart"/>..<see cref="ScopeEnd"/> (token indexes, inclusive) is the expression whose
/// series the labels must belong to: the aggregated argument, or the whole expression for vector matching.
/// </summary>
internal sealed record GroupingClause(string Keyword, IReadOnlyList<string> Labels, int ScopeStart, int ScopeEnd);

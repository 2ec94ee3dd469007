namespace AiGateway.VaultDouble;

/// <summary>One <c>path "pattern" { capabilities = [...] }</c> block of a policy.</summary>
/// <param name="Pattern">The analysed path pattern.</param>
/// <param name="Capabilities">What the block grants; <see cref="Capabilities.Deny"/> alone when it denies.</param>
/// <param name="Line">Where the block starts in its source, for messages.</param>
internal sealed record PathRule(PolicyPathPattern Pattern, Capabilities Capabilities, int Line);

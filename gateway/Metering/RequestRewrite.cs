namespace AiGateway.Metering;

/// <summary>The outcome of <see cref="RequestBodyRewriter.Rewrite"/>.</summary>
/// <param name="Body">The new body, or null when nothing had to change (then forward the original). The caller disposes it.</param>
/// <param name="Stream">The body has <c>stream: true</c>.</param>
/// <param name="ClientRequestedUsage">The client itself set <c>stream_options.include_usage: true</c>.</param>
/// <param name="UsageRequestAdded">The rewriter turned <c>include_usage</c> on (added or changed <c>stream_options</c>).</param>
/// <param name="MaxTokensInserted">A cap was inserted (or a <c>null</c> cap replaced).</param>
/// <param name="MaxTokensClamped">At least one existing cap was lowered.</param>
/// <param name="EffectiveMaxTokens">The smallest cap in the forwarded body, or null when it has none.</param>
internal readonly record struct RequestRewrite(
    Storage.PooledBytes? Body,
    bool Stream,
    bool ClientRequestedUsage,
    bool UsageRequestAdded,
    bool MaxTokensInserted,
    bool MaxTokensClamped,
    int? EffectiveMaxTokens)
{
    /// <summary>The body must be replaced by <see cref="Body"/>.</summary>
    public bool Changed => Body is not null;

    /// <summary>
    /// The response's usage-only chunk exists only because the gateway asked for it, so it should be
    /// removed before the client sees it (<see cref="ResponseUsageMeter.Install"/>).
    /// </summary>
    public bool StripUsageChunk => UsageRequestAdded && !ClientRequestedUsage;
}

namespace AiGateway.Metering;

/// <summary>
/// Token usage of one upstream call: either the upstream's own <c>usage</c> object
/// (<see cref="FromUpstream"/> = true) or the gateway's estimate when the upstream sent none
/// (for example a stream the client abandoned before the usage chunk).
/// </summary>
/// <param name="PromptTokens">Input tokens (<c>prompt_tokens</c>).</param>
/// <param name="CompletionTokens">Output tokens (<c>completion_tokens</c>; 0 for embeddings, which have none).</param>
/// <param name="TotalTokens">The upstream's <c>total_tokens</c> when present, else the sum of the two.</param>
/// <param name="FromUpstream">True when read from the upstream's response, false for an estimate.</param>
public readonly record struct UsageReport(int PromptTokens, int CompletionTokens, int TotalTokens, bool FromUpstream)
{
    /// <summary>
    /// Builds a report from the fields of an upstream <c>usage</c> object: <c>total_tokens</c> wins when
    /// present (it may include tokens neither part names), otherwise the parts are summed (WIRE-FACTS B.1).
    /// Negative counts are read as 0 so a broken upstream can never credit a budget.
    /// </summary>
    public static UsageReport FromUsageFields(int promptTokens, int completionTokens, int? totalTokens)
    {
        var prompt = Math.Max(promptTokens, 0);
        var completion = Math.Max(completionTokens, 0);
        var total = totalTokens is { } given ? Math.Max(given, 0) : (int)Math.Min((long)prompt + completion, int.MaxValue);
        return new UsageReport(prompt, completion, total, FromUpstream: true);
    }

    /// <summary>An estimate made by the gateway; the total is the sum of the parts.</summary>
    public static UsageReport Estimate(int promptTokens, int completionTokens)
    {
        var prompt = Math.Max(promptTokens, 0);
        var completion = Math.Max(completionTokens, 0);
        return new UsageReport(prompt, completion, (int)Math.Min((long)prompt + completion, int.MaxValue), FromUpstream: false);
    }
}

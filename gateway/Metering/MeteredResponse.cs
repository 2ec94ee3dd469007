namespace AiGateway.Metering;

/// <summary>
/// What the gateway learned from one response body, produced once when the response ends (normally,
/// by an upstream failure, or because the client went away).
/// </summary>
/// <param name="Mode">How the body was scanned.</param>
/// <param name="StatusCode">The response status when metering decided its mode (or at the end).</param>
/// <param name="Usage">The upstream's usage, when it sent one; null otherwise (then estimate from the fields below).</param>
/// <param name="SawDone">The stream reached <c>data: [DONE]</c>.</param>
/// <param name="ErrorType">Type of the last in-band error event of a stream, if any.</param>
/// <param name="ContentFragments">Output fragments relayed in a stream (roughly tokens).</param>
/// <param name="ContentBytes">UTF-8 bytes of those fragments.</param>
/// <param name="StrippedUsageChunks">Usage-only chunks removed before reaching the client.</param>
/// <param name="RequestAborted">
/// The request was aborted when metering ended: the client went away, or the server reset the response
/// (YARP does after an upstream failure mid-body). The usage may then be partial; see <see cref="UsageOrEstimate"/>.
/// </param>
public readonly record struct MeteredResponse(
    ResponseMeterMode Mode,
    int StatusCode,
    UsageReport? Usage,
    bool SawDone,
    string? ErrorType,
    int ContentFragments,
    long ContentBytes,
    int StrippedUsageChunks,
    bool RequestAborted)
{
    /// <summary>
    /// The upstream's usage when it sent one; otherwise an estimate: the given prompt tokens (counted
    /// before the call) plus output tokens taken as the larger of the fragments relayed (about one token
    /// each in OpenAI streams) and <see cref="ContentBytes"/>/4 (OpenAI's rule of thumb for English text).
    /// </summary>
    public UsageReport UsageOrEstimate(int estimatedPromptTokens)
    {
        if (Usage is { } usage)
        {
            return usage;
        }
        var byBytes = (ContentBytes + 3) / 4;
        var completion = (int)Math.Min(Math.Max(ContentFragments, byBytes), int.MaxValue);
        return UsageReport.Estimate(estimatedPromptTokens, completion);
    }
}

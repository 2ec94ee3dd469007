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
/// <param name="ClientAborted">The client had gone away when the response ended.</param>
public readonly record struct MeteredResponse(
    ResponseMeterMode Mode,
    int StatusCode,
    UsageReport? Usage,
    bool SawDone,
    string? ErrorType,
    int ContentFragments,
    long ContentBytes,
    int StrippedUsageChunks,
    bool ClientAborted);

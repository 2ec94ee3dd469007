namespace AiGateway.LoadTests;

/// <summary>Streaming responses of one run. Both distributions count from the same origin as the latency.</summary>
/// <param name="Started">Success responses that were event streams.</param>
/// <param name="Completed">Streams that ended with <c>data: [DONE]</c>.</param>
/// <param name="TimeToFirstToken">Until the first <c>data:</c> chunk carrying content.</param>
/// <param name="StreamTime">Until the end of the stream.</param>
public sealed record StreamSummary(long Started, long Completed, LatencySummary TimeToFirstToken, LatencySummary StreamTime);

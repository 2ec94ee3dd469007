namespace AiGateway.LoadTests;

/// <summary>What <see cref="ResponseBodyReader.ReadEventStreamAsync"/> saw in one event stream.</summary>
/// <param name="SawDone">The stream ended with <c>data: [DONE]</c>.</param>
/// <param name="SawContent">A chunk carried content.</param>
/// <param name="FirstContentTimestamp">Clock timestamp of the read that delivered the first content chunk.</param>
/// <param name="CompletionTokens">From the usage chunk, or -1.</param>
internal readonly record struct EventStreamSummary(bool SawDone, bool SawContent, long FirstContentTimestamp, long CompletionTokens);

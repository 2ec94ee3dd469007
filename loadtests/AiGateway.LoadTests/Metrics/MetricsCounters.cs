namespace AiGateway.LoadTests;

/// <summary>A copy of <see cref="ScenarioMetrics"/>' counters, taken once at the end of a run.</summary>
internal sealed record MetricsCounters(
    long Sent,
    long Dropped,
    long Completed,
    long Ok,
    long Transport,
    long Timeouts,
    long IncompleteStreams,
    long Exceptions,
    long Streams,
    long StreamsCompleted,
    long CompletionTokens,
    long ResponsesWithUsage,
    SortedDictionary<int, long> StatusCodes,
    SortedDictionary<int, long> HttpErrors,
    Dictionary<string, long> Counters);

namespace AiGateway.LoadTests;

/// <summary>
/// What one scenario run against one target measured. Serialized as-is (camelCase) into the JSON report, so
/// property names are part of the report's format: add, don't rename.
/// </summary>
public sealed record ScenarioResult
{
    /// <summary>Scenario name.</summary>
    public required string Scenario { get; init; }

    /// <summary>Target name (set by the CLI; null when run from code without one).</summary>
    public string? Target { get; init; }

    /// <summary>The load phases in CLI syntax, joined by <c>, </c>.</summary>
    public required string Load { get; init; }

    /// <summary>When the measured run started (UTC).</summary>
    public DateTimeOffset StartedAt { get; init; }

    /// <summary>Warm-up length before the measured run (not recorded).</summary>
    public double WarmUpSeconds { get; init; }

    /// <summary>Planned length of the load phases.</summary>
    public double LoadSeconds { get; init; }

    /// <summary>Measured window: from the first intended send until the last request finished (or was given up).</summary>
    public double DurationSeconds { get; init; }

    /// <summary>Requests sent. Always <see cref="Ok"/> + <see cref="Errors"/>.</summary>
    public long Requests { get; init; }

    /// <summary>Requests that succeeded.</summary>
    public long Ok { get; init; }

    /// <summary>Requests that failed, by class in <see cref="ErrorsByClass"/>.</summary>
    public long Errors { get; init; }

    /// <summary>Open model: arrivals not sent because <see cref="LoadRunOptions.MaxInFlight"/> was reached (client overloaded).</summary>
    public long Dropped { get; init; }

    /// <summary>Requests completed (ok or not) per second of <see cref="DurationSeconds"/>.</summary>
    public double Rps { get; init; }

    /// <summary>Most requests in flight at once.</summary>
    public int PeakInFlight { get; init; }

    /// <summary>Successful requests, from the intended send time (open model) or the send (closed model) to the end of the response.</summary>
    public required LatencySummary Latency { get; init; }

    /// <summary>Successful requests, from the actual send to the end of the response.</summary>
    public required LatencySummary ServiceTime { get; init; }

    /// <summary>Open model: how late requests went out compared with their intended time; null without open phases.</summary>
    public LatencySummary? ScheduleLag { get; init; }

    /// <summary>Streaming responses; null when none arrived.</summary>
    public StreamSummary? Streams { get; init; }

    /// <summary>Sum of <c>usage.completion_tokens</c> over responses that carried usage.</summary>
    public long CompletionTokens { get; init; }

    /// <summary>Responses that carried a usage object.</summary>
    public long ResponsesWithUsage { get; init; }

    /// <summary>Errors by class: the status code (<c>"401"</c>), <c>transport</c>, <c>timeout</c>, <c>incomplete_stream</c> or <c>exception</c>.</summary>
    public required IReadOnlyDictionary<string, long> ErrorsByClass { get; init; }

    /// <summary>Every response by status code, successes included.</summary>
    public required IReadOnlyDictionary<string, long> StatusCodes { get; init; }

    /// <summary>Scenario-specific counters reported by the step (<see cref="StepResult.CounterName"/>).</summary>
    public required IReadOnlyDictionary<string, long> Counters { get; init; }
}

namespace AiGateway.Telemetry;

/// <summary>
/// What the gateway knows about a proxied request once it has ended: the input of its metrics and of its audit
/// record. Label fields (<see cref="Team"/>, <see cref="Model"/>, <see cref="Endpoint"/>) are already bounded.
/// </summary>
public readonly record struct CompletedRequest
{
    /// <summary>The gateway's request id; null when the caller was never identified (401).</summary>
    public string? RequestId { get; init; }

    public string? TokenId { get; init; }

    public string? App { get; init; }

    /// <summary>Team label: the caller's team, or <see cref="MetricLabels.Unknown"/>.</summary>
    public required string Team { get; init; }

    /// <summary>Model label (bounded; see <see cref="GatewayMetrics.ModelLabel"/>).</summary>
    public required string Model { get; init; }

    /// <summary>The model the request named, cleaned for logs; the audit record carries it, metrics never do.</summary>
    public string? RequestedModel { get; init; }

    /// <summary>Endpoint label: chat, completions, embeddings, models.</summary>
    public required string Endpoint { get; init; }

    public required int StatusCode { get; init; }

    /// <summary>The <c>code</c> (else <c>type</c>) of the error the gateway itself answered with; null when it did not.</summary>
    public string? Reason { get; init; }

    public int? InputTokens { get; init; }

    public int? OutputTokens { get; init; }

    public long? CostMicros { get; init; }

    /// <summary>Whole request, in <see cref="System.Diagnostics.Stopwatch"/> ticks.</summary>
    public required long ElapsedTicks { get; init; }

    /// <summary>Time spent forwarding to the upstream and relaying its answer, summed over attempts, in Stopwatch ticks.</summary>
    public long UpstreamTicks { get; init; }

    /// <summary>How many times the request went upstream (0 when the gateway answered by itself).</summary>
    public int UpstreamAttempts { get; init; }

    /// <summary>Time the gateway itself added: the whole request minus the upstream's share.</summary>
    public long OverheadTicks => Math.Max(ElapsedTicks - UpstreamTicks, 0);
}

namespace AiGateway.Metering;

/// <summary>How a response body is metered, decided from its status and <c>Content-Type</c> when it starts.</summary>
public enum ResponseMeterMode
{
    /// <summary>Not scanned: not yet started, not 2xx, or neither JSON nor SSE.</summary>
    None,

    /// <summary>A 2xx <c>application/json</c> body: the top-level <c>usage</c> is read.</summary>
    Json,

    /// <summary>A 2xx <c>text/event-stream</c> body: events are scanned for usage, errors and output.</summary>
    EventStream,
}

namespace AiGateway.UpstreamSimulator;

/// <summary>Per-request facts gathered once by <see cref="RequestCaptureMiddleware"/> and read by the endpoints.</summary>
internal sealed class SimulatorRequestFeature(string requestId, string? apiKey, byte[] body)
{
    /// <summary>The default <c>x-request-id</c>; completion endpoints replace it with their response id.</summary>
    public string RequestId { get; } = requestId;

    public string? ApiKey { get; } = apiKey;

    public byte[] Body { get; } = body;
}

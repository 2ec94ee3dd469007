namespace AiGateway.UpstreamSimulator;

/// <summary>A redacted view of one simulator API key; it never carries the full key.</summary>
/// <param name="Id">Stable key id (<c>key_…</c>; keys from options are <c>key_initial_&lt;index&gt;</c>).</param>
/// <param name="Name">Optional display name.</param>
/// <param name="RedactedValue">Prefix and last characters only, e.g. <c>sk-sim-…abcd</c>.</param>
/// <param name="CreatedAt">When the key was added.</param>
/// <param name="Revoked">True once revoked; a revoked key gets 401.</param>
/// <param name="Requests">Requests that presented this key, accepted or rejected.</param>
public sealed record SimulatorKeyInfo(
    string Id,
    string? Name,
    string RedactedValue,
    DateTimeOffset CreatedAt,
    bool Revoked,
    long Requests);

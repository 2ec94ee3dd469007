namespace AiGateway.Metering;

/// <summary>
/// What <see cref="SseUsageChunkStripper.Process"/> says to send on for one written chunk: either a slice
/// of that chunk (the usual case, no copy) or, when held-back bytes are released or an event was cut out,
/// a pooled buffer the caller writes and then gives back with <see cref="SseUsageChunkStripper.ReturnBuffer"/>.
/// </summary>
/// <param name="Start">Offset of the slice in the chunk (unused when <paramref name="Pooled"/> is set).</param>
/// <param name="Length">Bytes to send; 0 when everything is held back or was removed.</param>
/// <param name="Pooled">The assembled bytes, or null to send the chunk slice.</param>
internal readonly record struct SseForwardRange(int Start, int Length, byte[]? Pooled);

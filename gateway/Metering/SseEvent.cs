namespace AiGateway.Metering;

/// <summary>
/// One dispatched server-sent event, located in the byte stream by absolute offsets (bytes fed to the
/// scanner since it was created).
/// </summary>
/// <param name="Start">Offset of the event's first field line (comment lines before it are not part of it).</param>
/// <param name="End">Offset just past the blank line that dispatched it.</param>
/// <param name="IsUsageOnly">
/// The event is OpenAI's usage chunk: JSON whose <c>choices</c> is an empty array and whose <c>usage</c>
/// is an object (sent only when <c>stream_options.include_usage</c> is true).
/// </param>
internal readonly record struct SseEvent(long Start, long End, bool IsUsageOnly);

using System.Buffers;

namespace AiGateway.LoadTests;

/// <summary>
/// Reads response bodies to the end into a pooled buffer, so a response costs no body allocation; only the
/// bytes a report needs are looked at.
/// </summary>
internal static class ResponseBodyReader
{
    private const int BufferSize = 16 * 1024;

    // Kept from the end of a full buffer when reading on, so a usage field split across reads is still found.
    private const int Overlap = 512;

    /// <summary>Reads the body to the end and discards it.</summary>
    public static async ValueTask DrainAsync(Stream body, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            while (await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false) > 0)
            {
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Reads the body to the end and returns <c>usage.completion_tokens</c>, or -1. Only the last 16 KiB are
    /// searched: OpenAI (and the simulator) put <c>usage</c> at the end of the object.
    /// </summary>
    public static async ValueTask<long> ReadCompletionTokensAsync(Stream body, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            var filled = 0;
            while (true)
            {
                if (filled == buffer.Length)
                {
                    buffer.AsSpan(filled - Overlap, Overlap).CopyTo(buffer);
                    filled = Overlap;
                }

                var read = await body.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return UsageFields.TryReadCompletionTokens(buffer.AsSpan(0, filled), out var tokens) ? tokens : -1;
                }

                filled += read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Reads an event stream to the end, timestamping the first content chunk with <paramref name="clock"/>.</summary>
    public static async ValueTask<EventStreamSummary> ReadEventStreamAsync(Stream body, TimeProvider clock, CancellationToken cancellationToken)
    {
        // Small on purpose: thousands of streams may be open at once, and OpenAI chunks are a few hundred bytes.
        var buffer = ArrayPool<byte>.Shared.Rent(4096);
        var scanner = SseLineScanner.Create();
        long firstContentAt = 0;
        try
        {
            var filled = 0;
            while (true)
            {
                if (filled == buffer.Length)
                {
                    buffer = Grow(buffer, filled);
                }

                var read = await body.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    // A last line without a newline still counts.
                    if (filled > 0 && scanner.ProcessLine(buffer.AsSpan(0, filled)))
                    {
                        firstContentAt = clock.GetTimestamp();
                    }

                    return new EventStreamSummary(scanner.SawDone, scanner.SawContent, firstContentAt, scanner.CompletionTokens);
                }

                filled += read;
                var consumed = scanner.ProcessLines(buffer.AsSpan(0, filled), out var firstContent);
                if (firstContent)
                {
                    firstContentAt = clock.GetTimestamp();
                }

                buffer.AsSpan(consumed, filled - consumed).CopyTo(buffer);
                filled -= consumed;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static byte[] Grow(byte[] buffer, int filled)
    {
        // One event line longer than the buffer (e.g. a huge tool-call chunk): keep it whole.
        if (buffer.Length >= 4 * 1024 * 1024)
        {
            throw new InvalidDataException("An event-stream line is longer than 4 MiB.");
        }

        var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
        buffer.AsSpan(0, filled).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(buffer);
        return larger;
    }
}

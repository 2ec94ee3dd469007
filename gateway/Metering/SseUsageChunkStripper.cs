using System.Buffers;

namespace AiGateway.Metering;

/// <summary>
/// Removes OpenAI's usage-only chunk(s) from an SSE stream while passing every other byte on, in order.
/// The gateway turns <c>stream_options.include_usage</c> on to meter every stream; a client that did not
/// ask for it must not see the extra <c>choices: []</c> event (some clients index <c>choices[0]</c>).
/// </summary>
/// <remarks>
/// Only the bytes of the current, not yet dispatched event are held back (from its first field line; a
/// comment line before it goes on at once, so keep-alives are not delayed). An event is released the
/// moment its blank line arrives, and an SSE client cannot act on an event before that line anyway, so
/// the added latency is at most one event, and zero when the upstream writes whole events per chunk
/// (OpenAI does). An event longer than the scanner's bound is released unparsed, so the held bytes stay
/// bounded. Removed: the event's field lines through its blank line (including a <c>\n</c> that completes
/// a <c>\r\n</c> in the next chunk).
/// </remarks>
internal sealed class SseUsageChunkStripper : IDisposable
{
    private readonly SseUsageScanner _scanner;
    private byte[]? _held;
    private int _heldLength;
    private bool _dropLeadingLineFeed;

    // Output being assembled by one Process call.
    private int _directStart;
    private int _directLength;
    private byte[]? _assembled;
    private int _assembledLength;

    public SseUsageChunkStripper(SseUsageScanner scanner) => _scanner = scanner;

    /// <summary>Usage-only events removed so far.</summary>
    public int StrippedEvents { get; private set; }

    /// <summary>Bytes held back: the start of an event whose blank line has not arrived yet.</summary>
    public ReadOnlySpan<byte> HeldBytes => _held.AsSpan(0, _heldLength);

    /// <summary>The same bytes as <see cref="HeldBytes"/>, for an asynchronous write.</summary>
    public ReadOnlyMemory<byte> HeldMemory => _held.AsMemory(0, _heldLength);

    /// <summary>
    /// Scans <paramref name="chunk"/> and says which bytes to send on now. Everything before the current
    /// incomplete event is released (minus removed usage chunks); the rest is held back until its event
    /// completes.
    /// </summary>
    public SseForwardRange Process(ReadOnlySpan<byte> chunk)
    {
        var chunkBase = _scanner.Position;
        var heldBase = chunkBase - _heldLength;
        var emitted = heldBase;
        _directStart = _directLength = _assembledLength = 0;
        _assembled = null;

        if (_dropLeadingLineFeed)
        {
            // The previous chunk ended on the \r of a removed event's blank line; its \n is here.
            _dropLeadingLineFeed = false;
            if (!chunk.IsEmpty && chunk[0] == (byte)'\n' && _heldLength == 0)
            {
                emitted = chunkBase + 1;
            }
        }

        var offset = 0;
        while (offset < chunk.Length)
        {
            var dispatched = _scanner.ScanToNextEvent(chunk[offset..], out var consumed, out var evt);
            offset += consumed;
            if (dispatched && evt.IsUsageOnly && evt.Start >= emitted)
            {
                Emit(emitted, evt.Start, chunk, chunkBase, heldBase);
                emitted = evt.End;
                StrippedEvents++;
                // A \n completing the blank line can only be outstanding when the chunk ended on its \r;
                // otherwise the scanner already took it (or the line ended in a lone \r).
                _dropLeadingLineFeed = offset == chunk.Length && _scanner.PendingLineFeed;
            }
        }

        var chunkEnd = chunkBase + chunk.Length;
        var pending = _scanner.PendingEventStart;
        var release = pending >= 0 ? Math.Max(pending, emitted) : chunkEnd;
        Emit(emitted, release, chunk, chunkBase, heldBase);
        Hold(release, chunk, chunkBase);

        return _assembled is null
            ? new SseForwardRange(_directStart, _directLength, null)
            : new SseForwardRange(0, _assembledLength, _assembled);
    }

    /// <summary>Gives back a buffer returned in <see cref="SseForwardRange.Pooled"/> once it was written.</summary>
    public static void ReturnBuffer(byte[] buffer) => ArrayPool<byte>.Shared.Return(buffer);

    /// <summary>Forgets the held bytes (after the caller sent them at the end of the response, or gave up).</summary>
    public void ClearHeld()
    {
        var held = _held;
        _held = null;
        _heldLength = 0;
        if (held is not null)
        {
            ArrayPool<byte>.Shared.Return(held);
        }
    }

    public void Dispose() => ClearHeld();

    /// <summary>Adds stream bytes [from, to) to the output; they lie in the held bytes, the chunk, or both.</summary>
    private void Emit(long from, long to, ReadOnlySpan<byte> chunk, long chunkBase, long heldBase)
    {
        if (to <= from)
        {
            return;
        }
        if (from >= chunkBase && _assembled is null && _directLength == 0)
        {
            _directStart = (int)(from - chunkBase);
            _directLength = (int)(to - from);
            return;
        }
        if (_assembled is null)
        {
            _assembled = ArrayPool<byte>.Shared.Rent(Math.Max(_heldLength + chunk.Length, 1));
            chunk.Slice(_directStart, _directLength).CopyTo(_assembled);
            _assembledLength = _directLength;
        }
        if (from < chunkBase)
        {
            var heldEnd = Math.Min(to, chunkBase);
            var part = _held.AsSpan((int)(from - heldBase), (int)(heldEnd - from));
            part.CopyTo(_assembled.AsSpan(_assembledLength));
            _assembledLength += part.Length;
            from = heldEnd;
        }
        if (to > from)
        {
            var part = chunk.Slice((int)(from - chunkBase), (int)(to - from));
            part.CopyTo(_assembled.AsSpan(_assembledLength));
            _assembledLength += part.Length;
        }
    }

    /// <summary>Keeps stream bytes [release, end of chunk) for later; the output was already copied.</summary>
    private void Hold(long release, ReadOnlySpan<byte> chunk, long chunkBase)
    {
        var keepFromHeld = release < chunkBase ? (int)(chunkBase - release) : 0;
        var fromChunk = chunk.Length - (int)(Math.Max(release, chunkBase) - chunkBase);
        var length = keepFromHeld + fromChunk;
        if (length == 0)
        {
            // Nothing pending: give the buffer back so an idle stream holds none.
            ClearHeld();
            return;
        }
        if (_held is null || _held.Length < length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(length, 4096));
            _held.AsSpan(_heldLength - keepFromHeld, keepFromHeld).CopyTo(larger);
            if (_held is not null)
            {
                ArrayPool<byte>.Shared.Return(_held);
            }
            _held = larger;
        }
        else if (keepFromHeld != _heldLength)
        {
            _held.AsSpan(_heldLength - keepFromHeld, keepFromHeld).CopyTo(_held);
        }
        chunk[^fromChunk..].CopyTo(_held.AsSpan(keepFromHeld));
        _heldLength = length;
    }
}

using System.Buffers;

namespace AiGateway.Metering;

/// <summary>
/// Follows a <c>text/event-stream</c> response (chat or legacy completions with <c>stream: true</c>) fed
/// in chunks split at any byte, even inside <c>\r\n</c> or a UTF-8 sequence, and reads per event what
/// metering needs: the usage chunk, <c>[DONE]</c>, in-band errors and the size of the relayed output.
/// Line handling follows the SSE rules (WIRE-FACTS B.2): lines end in <c>\n</c>, <c>\r\n</c> or <c>\r</c>;
/// <c>data:</c> takes one optional space; several data lines join with <c>\n</c>; <c>:</c> lines are
/// comments; a blank line dispatches. Only the data of the current event is buffered, and at most
/// <see cref="DefaultMaxEventBytes"/> of it by default: a larger event still passes but is not parsed.
/// </summary>
/// <remarks>
/// <see cref="ScanToNextEvent"/> stops after each dispatch so a caller can act on event boundaries
/// (see <see cref="SseUsageChunkStripper"/>); <see cref="Append"/> just scans everything.
/// </remarks>
internal sealed partial class SseUsageScanner : IDisposable
{
    /// <summary>Default bound on one event; OpenAI chunks are well under 1 KiB.</summary>
    internal const int DefaultMaxEventBytes = 1024 * 1024;

    private static readonly SearchValues<byte> LineEnds = SearchValues.Create("\r\n"u8);
    private static readonly SearchValues<byte> FieldEnds = SearchValues.Create(":\r\n"u8);

    private readonly int _maxEventBytes;
    private LineState _state;
    private bool _afterCr;
    private long _position;
    private long _eventStart = -1;
    private bool _oversized;
    private int _fieldLength;
    private bool _fieldIsData;
    private bool _lineIsData;

    public SseUsageScanner(int maxEventBytes = DefaultMaxEventBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEventBytes, 16);
        _maxEventBytes = maxEventBytes;
    }

    private enum LineState : byte
    {
        LineStart,
        Field,
        ValueStart,
        Value,
        Comment,
    }

    /// <summary>Bytes fed so far.</summary>
    public long Position => _position;

    /// <summary>
    /// Offset of the first field line of the event not yet dispatched, or -1 when there is none (only
    /// comments or blank lines since the last dispatch) or it grew past the bound and will not be parsed.
    /// </summary>
    public long PendingEventStart => _oversized ? -1 : _eventStart;

    /// <summary>The last byte fed was a <c>\r</c> line end; a <c>\n</c> next belongs to it.</summary>
    public bool PendingLineFeed => _afterCr;

    /// <summary>Feeds bytes, dispatching every event they complete.</summary>
    public void Append(ReadOnlySpan<byte> chunk)
    {
        while (!chunk.IsEmpty)
        {
            ScanToNextEvent(chunk, out var consumed, out _);
            chunk = chunk[consumed..];
        }
    }

    /// <summary>
    /// Feeds bytes up to and including the end of the next event that has at least one field line.
    /// Returns true with that event when one was dispatched (<paramref name="consumed"/> then ends just past
    /// its blank line, including the <c>\n</c> of a <c>\r\n</c> when it is in this chunk); false when the
    /// whole chunk was consumed without a dispatch.
    /// </summary>
    public bool ScanToNextEvent(ReadOnlySpan<byte> chunk, out int consumed, out SseEvent dispatched)
    {
        var i = 0;
        while (i < chunk.Length)
        {
            if (_afterCr)
            {
                _afterCr = false;
                if (chunk[i] == (byte)'\n')
                {
                    i++;
                    continue;
                }
            }
            switch (_state)
            {
                case LineState.LineStart:
                    var first = chunk[i];
                    if (first is (byte)'\r' or (byte)'\n')
                    {
                        i++;
                        _afterCr = first == (byte)'\r';
                        if (_eventStart < 0)
                        {
                            // A blank line after nothing but comments: no event to dispatch.
                            continue;
                        }
                        if (_afterCr && i < chunk.Length && chunk[i] == (byte)'\n')
                        {
                            _afterCr = false;
                            i++;
                        }
                        _position += i;
                        consumed = i;
                        dispatched = Dispatch(chunk);
                        return true;
                    }
                    if (first == (byte)':')
                    {
                        _state = LineState.Comment;
                        i++;
                        continue;
                    }
                    if (_eventStart < 0)
                    {
                        _eventStart = _position + i;
                    }
                    _state = LineState.Field;
                    _fieldLength = 0;
                    _fieldIsData = true;
                    continue;

                case LineState.Field:
                {
                    var rest = chunk[i..];
                    var end = rest.IndexOfAny(FieldEnds);
                    MatchFieldName(end < 0 ? rest : rest[..end]);
                    if (end < 0)
                    {
                        i = chunk.Length;
                        continue;
                    }
                    i += end;
                    BeginValue(chunk);
                    if (chunk[i] == (byte)':')
                    {
                        i++;
                        _state = LineState.ValueStart;
                    }
                    else
                    {
                        // "data" alone on its line is a data field with an empty value.
                        i = EndLine(chunk, i);
                    }
                    continue;
                }

                case LineState.ValueStart:
                    if (chunk[i] == (byte)' ')
                    {
                        i++;
                    }
                    _state = LineState.Value;
                    continue;

                case LineState.Value:
                {
                    var rest = chunk[i..];
                    var end = rest.IndexOfAny(LineEnds);
                    if (_lineIsData)
                    {
                        AppendData(chunk, i, end < 0 ? rest.Length : end);
                    }
                    if (end < 0)
                    {
                        i = chunk.Length;
                        continue;
                    }
                    i = EndLine(chunk, i + end);
                    continue;
                }

                default: // Comment
                {
                    var end = chunk[i..].IndexOfAny(LineEnds);
                    if (end < 0)
                    {
                        i = chunk.Length;
                        continue;
                    }
                    i = EndLine(chunk, i + end);
                    continue;
                }
            }
        }
        // The chunk is the caller's: data still read in place has to be copied before it goes.
        SpillData(chunk);
        _position += chunk.Length;
        consumed = chunk.Length;
        dispatched = default;
        if (_eventStart >= 0 && _position - _eventStart > _maxEventBytes)
        {
            MarkOversized();
        }
        return false;
    }

    /// <summary>Forgets the stream and the results, ready for another response.</summary>
    public void Reset()
    {
        ReturnData();
        _state = LineState.LineStart;
        _afterCr = _oversized = _hasData = _lineIsData = _fieldIsData = false;
        _position = 0;
        _eventStart = -1;
        _fieldLength = _dataLength = 0;
        ResetResults();
    }

    public void Dispose() => ReturnData();

    private int EndLine(ReadOnlySpan<byte> chunk, int lineEnd)
    {
        _afterCr = chunk[lineEnd] == (byte)'\r';
        _state = LineState.LineStart;
        _lineIsData = false;
        return lineEnd + 1;
    }

    private void MatchFieldName(ReadOnlySpan<byte> part)
    {
        if (_fieldIsData)
        {
            var remaining = 4 - _fieldLength;
            _fieldIsData = part.Length <= remaining && "data"u8.Slice(_fieldLength, part.Length).SequenceEqual(part);
        }
        _fieldLength = (int)Math.Min((long)_fieldLength + part.Length, int.MaxValue);
    }
}

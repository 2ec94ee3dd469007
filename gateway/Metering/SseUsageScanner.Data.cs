using System.Buffers;

namespace AiGateway.Metering;

/// <summary>
/// The data of the event being read. A single <c>data:</c> line that ends its event inside the chunk being
/// scanned (the usual case: upstreams write whole events) is parsed where it lies, with no copy; anything else
/// (several data lines, an event split across chunks) is copied into a buffer rented for the event.
/// </summary>
internal sealed partial class SseUsageScanner
{
    private bool _hasData;
    private byte[]? _data;
    private int _dataLength;

    // Data not copied yet: a range of the chunk passed to the current ScanToNextEvent call (-1: none).
    private int _inPlaceStart = -1;
    private int _inPlaceLength;

    private int DataLength => _dataLength + (_inPlaceStart >= 0 ? _inPlaceLength : 0);

    private void BeginValue(ReadOnlySpan<byte> chunk)
    {
        _lineIsData = _fieldIsData && _fieldLength == 4;
        if (!_lineIsData)
        {
            return;
        }
        if (_hasData)
        {
            SpillData(chunk);
            CopyData("\n"u8);
        }
        _hasData = true;
    }

    /// <summary>Adds <paramref name="length"/> bytes of <paramref name="chunk"/> from <paramref name="start"/> to the event's data.</summary>
    private void AppendData(ReadOnlySpan<byte> chunk, int start, int length)
    {
        if (_oversized || length == 0)
        {
            return;
        }
        if (DataLength + length > _maxEventBytes)
        {
            MarkOversized();
            return;
        }
        if (_dataLength == 0 && _inPlaceStart < 0)
        {
            _inPlaceStart = start;
            _inPlaceLength = length;
            return;
        }
        SpillData(chunk);
        CopyData(chunk.Slice(start, length));
    }

    /// <summary>The event's data; <paramref name="chunk"/> is the one being scanned.</summary>
    private ReadOnlySpan<byte> Data(ReadOnlySpan<byte> chunk) =>
        _inPlaceStart >= 0 ? chunk.Slice(_inPlaceStart, _inPlaceLength) : _data.AsSpan(0, _dataLength);

    /// <summary>Copies data still read in place out of <paramref name="chunk"/>, which is about to go away or be extended.</summary>
    private void SpillData(ReadOnlySpan<byte> chunk)
    {
        if (_inPlaceStart < 0)
        {
            return;
        }
        var inPlace = chunk.Slice(_inPlaceStart, _inPlaceLength);
        _inPlaceStart = -1;
        CopyData(inPlace);
    }

    private void CopyData(ReadOnlySpan<byte> bytes)
    {
        if (_data is null || _data.Length - _dataLength < bytes.Length)
        {
            // Rent per event and give it back at dispatch, so an idle stream holds no buffer.
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_dataLength + bytes.Length, _data is null ? 1024 : _data.Length * 2));
            if (_data is not null)
            {
                _data.AsSpan(0, _dataLength).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(_data);
            }
            _data = larger;
        }
        bytes.CopyTo(_data.AsSpan(_dataLength));
        _dataLength += bytes.Length;
    }

    private void MarkOversized()
    {
        _oversized = true;
        ReturnData();
    }

    private SseEvent Dispatch(ReadOnlySpan<byte> chunk)
    {
        var usageOnly = !_oversized && _hasData && ProcessEvent(Data(chunk));
        var dispatched = new SseEvent(_eventStart, _position, usageOnly);
        if (_oversized)
        {
            OversizedEvents++;
        }
        _eventStart = -1;
        _oversized = _hasData = false;
        ReturnData();
        return dispatched;
    }

    private void ReturnData()
    {
        var data = _data;
        _data = null;
        _dataLength = 0;
        _inPlaceStart = -1;
        if (data is not null)
        {
            ArrayPool<byte>.Shared.Return(data);
        }
    }
}

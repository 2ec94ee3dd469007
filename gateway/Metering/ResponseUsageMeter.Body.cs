using System.Net.Mime;

namespace AiGateway.Metering;

/// <summary>The write path: every write is scanned and sent on at once.</summary>
internal sealed partial class ResponseUsageMeter
{
    internal void Write(ReadOnlySpan<byte> buffer)
    {
        var inner = _inner.Stream;
        if (_lifecycle == Finished)
        {
            inner.Write(buffer);
            return;
        }
        DecideMode();
        if (_stripper is { } stripper && !buffer.IsEmpty)
        {
            var range = stripper.Process(buffer);
            if (range.Pooled is { } pooled)
            {
                try
                {
                    inner.Write(pooled, 0, range.Length);
                }
                finally
                {
                    SseUsageChunkStripper.ReturnBuffer(pooled);
                }
            }
            else if (range.Length > 0)
            {
                inner.Write(buffer.Slice(range.Start, range.Length));
            }
            return;
        }
        Scan(buffer);
        inner.Write(buffer);
    }

    internal ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken)
    {
        var inner = _inner.Stream;
        if (_lifecycle == Finished)
        {
            return inner.WriteAsync(buffer, cancellationToken);
        }
        DecideMode();
        if (_stripper is { } stripper && !buffer.IsEmpty)
        {
            var range = stripper.Process(buffer.Span);
            if (range.Pooled is { } pooled)
            {
                return WritePooledAsync(inner, pooled, range.Length, cancellationToken);
            }
            // Nothing complete to send yet: the bytes wait for their event's blank line.
            return range.Length > 0 ? inner.WriteAsync(buffer.Slice(range.Start, range.Length), cancellationToken) : default;
        }
        // Scanning before the write keeps this method free of an async state machine; the bytes counted
        // are those the upstream produced, which is what it bills, whether or not the client got them.
        Scan(buffer.Span);
        return inner.WriteAsync(buffer, cancellationToken);
    }

    internal void Flush()
    {
        DecideMode();
        _inner.Stream.Flush();
    }

    internal Task FlushAsync(CancellationToken cancellationToken)
    {
        DecideMode();
        return _inner.Stream.FlushAsync(cancellationToken);
    }

    private static async ValueTask WritePooledAsync(Stream inner, byte[] pooled, int length, CancellationToken cancellationToken)
    {
        try
        {
            await inner.WriteAsync(pooled.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            SseUsageChunkStripper.ReturnBuffer(pooled);
        }
    }

    private void Scan(ReadOnlySpan<byte> buffer)
    {
        if (_sse is { } sse)
        {
            sse.Append(buffer);
        }
        else
        {
            _json?.Append(buffer);
        }
    }

    /// <summary>
    /// Chooses the scanner on the first write, flush or start: the headers are final by then (YARP copies
    /// status and headers before the body). Error statuses are never scanned.
    /// </summary>
    private void DecideMode()
    {
        if (_modeDecided || _lifecycle == Finished)
        {
            return;
        }
        _modeDecided = true;
        var response = _context.Response;
        _statusCode = response.StatusCode;
        if (_statusCode is < 200 or > 299)
        {
            return;
        }
        Mode = Classify(response.ContentType);
        if (Mode == ResponseMeterMode.EventStream)
        {
            _sse = new SseUsageScanner();
            _stripper = _stripUsageChunk ? new SseUsageChunkStripper(_sse) : null;
        }
        else if (Mode == ResponseMeterMode.Json)
        {
            _json = new JsonUsageScanner();
        }
    }

    internal static ResponseMeterMode Classify(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
        {
            return ResponseMeterMode.None;
        }
        var mediaType = contentType.AsSpan();
        var semicolon = mediaType.IndexOf(';');
        if (semicolon >= 0)
        {
            mediaType = mediaType[..semicolon];
        }
        mediaType = mediaType.Trim();
        if (mediaType.Equals("text/event-stream", StringComparison.OrdinalIgnoreCase))
        {
            return ResponseMeterMode.EventStream;
        }
        return mediaType.Equals(MediaTypeNames.Application.Json, StringComparison.OrdinalIgnoreCase)
            ? ResponseMeterMode.Json
            : ResponseMeterMode.None;
    }
}

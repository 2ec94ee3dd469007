namespace AiGateway.Metering;

/// <summary>
/// The <c>Response.Body</c> seen while a <see cref="ResponseUsageMeter"/> is installed: a write-only
/// stream that hands every write and flush to the meter, which scans and passes it on at once.
/// </summary>
/// <remarks>
/// Disposing it does nothing, like Kestrel's own response stream: code that wraps <c>Response.Body</c> in
/// a writer and disposes that must not end metering; the meter is ended by its owner.
/// </remarks>
internal sealed class MeteredResponseStream : Stream
{
    private readonly ResponseUsageMeter _meter;

    public MeteredResponseStream(ResponseUsageMeter meter) => _meter = meter;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count)
    {
        ValidateBufferArguments(buffer, offset, count);
        _meter.Write(buffer.AsSpan(offset, count));
    }

    public override void Write(ReadOnlySpan<byte> buffer) => _meter.Write(buffer);

    public override void WriteByte(byte value) => _meter.Write([value]);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        ValidateBufferArguments(buffer, offset, count);
        return _meter.WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        _meter.WriteAsync(buffer, cancellationToken);

    public override IAsyncResult BeginWrite(byte[] buffer, int offset, int count, AsyncCallback? callback, object? state) =>
        TaskToAsyncResult.Begin(WriteAsync(buffer, offset, count, CancellationToken.None), callback, state);

    public override void EndWrite(IAsyncResult asyncResult) => TaskToAsyncResult.End(asyncResult);

    public override void Flush() => _meter.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => _meter.FlushAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}

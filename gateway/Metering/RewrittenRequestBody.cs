using System.Buffers;

namespace AiGateway.Metering;

/// <summary>
/// A rewritten request body in a pooled buffer. Dispose it when the request is done (for example with
/// <c>HttpResponse.RegisterForDispose</c>); the buffer then goes back to the pool.
/// </summary>
internal sealed class RewrittenRequestBody : IDisposable
{
    private byte[]? _buffer;

    internal RewrittenRequestBody(byte[] buffer, int length)
    {
        _buffer = buffer;
        Length = length;
    }

    public int Length { get; }

    public ReadOnlySpan<byte> Span => Buffer.AsSpan(0, Length);

    public ReadOnlyMemory<byte> Memory => Buffer.AsMemory(0, Length);

    /// <summary>A read-only stream over the body, to install as <c>Request.Body</c> (one per send).</summary>
    public Stream AsStream() => new MemoryStream(Buffer, 0, Length, writable: false);

    private byte[] Buffer => _buffer ?? throw new ObjectDisposedException(nameof(RewrittenRequestBody));

    public void Dispose()
    {
        var buffer = Interlocked.Exchange(ref _buffer, null);
        if (buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}

using System.Buffers;

namespace AiGateway.Storage;

/// <summary>
/// Bytes in a buffer rented from <see cref="ArrayPool{T}.Shared"/>: a request body as read, or as rewritten.
/// Dispose it when the request is done (<c>HttpResponse.RegisterForDispose</c>); the buffer then goes back.
/// </summary>
internal sealed class PooledBytes : IDisposable
{
    private byte[]? _buffer;

    /// <summary>Takes ownership of <paramref name="rented"/>, which must come from the shared pool.</summary>
    public PooledBytes(byte[] rented, int length)
    {
        _buffer = rented;
        Length = length;
    }

    public int Length { get; }

    public ReadOnlySpan<byte> Span => Buffer.AsSpan(0, Length);

    public ReadOnlyMemory<byte> Memory => Buffer.AsMemory(0, Length);

    /// <summary>A read-only stream over the bytes, to install as <c>Request.Body</c> (one per send).</summary>
    public Stream AsStream() => new MemoryStream(Buffer, 0, Length, writable: false);

    private byte[] Buffer => _buffer ?? throw new ObjectDisposedException(nameof(PooledBytes));

    public void Dispose()
    {
        var buffer = Interlocked.Exchange(ref _buffer, null);
        if (buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}

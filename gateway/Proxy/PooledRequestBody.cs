using System.Buffers;
using Microsoft.AspNetCore.Http;

namespace AiGateway.Proxy;

/// <summary>
/// A request body read into a pooled buffer (bounded by the size limit) so it can be inspected and then
/// forwarded unchanged. The buffer goes back to the pool when the response is done.
/// </summary>
internal sealed class PooledRequestBody : IDisposable
{
    private byte[]? _buffer;

    private PooledRequestBody(byte[] buffer, int length)
    {
        _buffer = buffer;
        Length = length;
    }

    public int Length { get; }

    public ReadOnlySpan<byte> Span => _buffer.AsSpan(0, Length);

    public ReadOnlyMemory<byte> Memory => _buffer.AsMemory(0, Length);

    public Stream AsStream() => new MemoryStream(_buffer!, 0, Length, writable: false);

    /// <summary>Reads the whole body, or returns null when it exceeds <paramref name="limit"/>.</summary>
    public static async Task<PooledRequestBody?> ReadAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength is { } declared && declared > limit)
        {
            return null;
        }
        var size = request.ContentLength is { } known ? (int)Math.Max(known, 1) : 16 * 1024;
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(size, limit) + 1);
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length > limit)
                    {
                        ArrayPool<byte>.Shared.Return(buffer);
                        return null;
                    }
                    var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, limit + 1));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
                var read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }
                length += read;
                if (length > limit)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    return null;
                }
            }
            return new PooledRequestBody(buffer, length);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    public void Dispose()
    {
        var buffer = Interlocked.Exchange(ref _buffer, null);
        if (buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}

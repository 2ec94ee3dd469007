using System.Buffers;
using AiGateway.Storage;
using Microsoft.AspNetCore.Http;

namespace AiGateway.Proxy;

/// <summary>
/// Reads a request body into a pooled buffer, bounded by the size limit, so it can be inspected and then
/// forwarded unchanged.
/// </summary>
internal static class RequestBodyReader
{
    /// <summary>Reads the whole body, or returns null when it exceeds <paramref name="limit"/>.</summary>
    /// <remarks>
    /// A <see cref="ValueTask{TResult}"/>: when Kestrel already holds the whole body (a small request arrives with
    /// its headers) every read completes synchronously and no task is allocated.
    /// </remarks>
    public static async ValueTask<PooledBytes?> ReadAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
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
            return new PooledBytes(buffer, length);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }
}

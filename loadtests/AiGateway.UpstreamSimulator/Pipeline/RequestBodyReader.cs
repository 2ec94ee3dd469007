using System.Buffers;
using Microsoft.AspNetCore.Http;

namespace AiGateway.UpstreamSimulator;

/// <summary>Reads a whole request body into one array. Kestrel's request size limit (30 MB) bounds it.</summary>
internal static class RequestBodyReader
{
    public static async Task<byte[]> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var reader = request.BodyReader;
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (result.IsCompleted || result.IsCanceled)
            {
                var bytes = result.Buffer.ToArray();
                reader.AdvanceTo(result.Buffer.End);
                return bytes;
            }

            // Consume nothing and ask for more, so the whole body accumulates in the pipe.
            reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
        }
    }
}

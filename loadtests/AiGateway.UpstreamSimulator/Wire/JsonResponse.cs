using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace AiGateway.UpstreamSimulator;

/// <summary>Writes a JSON body straight into the response pipe with <see cref="Utf8JsonWriter"/> (no reflection, no intermediate string).</summary>
internal static class JsonResponse
{
    public const string ContentType = "application/json";

    /// <summary>
    /// Writes <paramref name="state"/> with <paramref name="write"/>. A static lambda plus explicit state keeps the
    /// call sites free of closure allocations.
    /// </summary>
    public static async Task WriteAsync<TState>(HttpContext context, int statusCode, TState state, Action<Utf8JsonWriter, TState> write)
    {
        var response = context.Response;
        response.StatusCode = statusCode;
        response.ContentType = ContentType;
        using (var writer = new Utf8JsonWriter(response.BodyWriter, SimulatorJson.WriterOptions))
        {
            write(writer, state);
        }

        await response.BodyWriter.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }
}

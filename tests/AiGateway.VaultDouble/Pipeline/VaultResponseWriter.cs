using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace AiGateway.VaultDouble;

/// <summary>
/// Writes a <see cref="VaultResponse"/> with Vault's headers: <c>Content-Type: application/json</c> exactly (hvac
/// drops the error list on any other value, A.8) and <c>Cache-Control: no-store</c> on everything.
/// </summary>
internal static class VaultResponseWriter
{
    public const string ContentType = "application/json";

    public static async Task WriteAsync(HttpContext context, VaultResponse response)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(response);
        var http = context.Response;
        http.StatusCode = response.StatusCode;
        http.Headers.CacheControl = "no-store";
        if (response.Body is null)
        {
            return;
        }

        http.ContentType = ContentType;
        if (HttpMethods.IsHead(context.Request.Method) || response.StatusCode is < 200 or 204 or 304)
        {
            // HEAD sys/health answers the status (and type) only; a health code override such as 204 cannot carry a
            // body either (Go's server drops it; Kestrel would throw).
            return;
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, VaultJson.WriterOptions))
        {
            response.Body.WriteTo(writer);
        }

        http.ContentLength = buffer.Length;
        await http.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), context.RequestAborted).ConfigureAwait(false);
    }
}

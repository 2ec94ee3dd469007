using System.Text.Json;
using AiGateway.Errors;
using Yarp.ReverseProxy.Transforms;

namespace AiGateway.Proxy;

/// <summary>
/// Filters <c>GET /v1/models</c> to the models the caller's team may use. The list is small and not
/// streamed, so it is read whole (bounded) and rewritten; every other response passes through untouched.
/// </summary>
internal sealed class ModelListResponseTransform : ResponseTransform
{
    public static readonly ModelListResponseTransform Instance = new();

    private const int MaxListBytes = 4 * 1024 * 1024;

    public override async ValueTask ApplyAsync(ResponseTransformContext context)
    {
        var policy = context.HttpContext.Features.Get<GatewayRequestFeature>()?.Policy;
        if (context.ProxyResponse is not { IsSuccessStatusCode: true } upstream || policy is null)
        {
            return;
        }
        context.SuppressResponseBody = true;
        var response = context.HttpContext.Response;
        var cancellationToken = context.CancellationToken;

        JsonDocument document;
        try
        {
            await using var stream = await upstream.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            using var bounded = new MemoryStream();
            await stream.CopyToAsync(bounded, cancellationToken).ConfigureAwait(false);
            if (bounded.Length > MaxListBytes)
            {
                throw new JsonException("model list too large");
            }
            document = JsonDocument.Parse(bounded.GetBuffer().AsMemory(0, (int)bounded.Length));
        }
        catch (JsonException)
        {
            response.Headers.ContentLength = null;
            await ErrorResponseWriter.WriteAsync(context.HttpContext, GatewayErrors.UpstreamUnavailable).ConfigureAwait(false);
            return;
        }

        using (document)
        {
            response.Headers.ContentLength = null;
            response.ContentType = "application/json";
            await using var writer = new Utf8JsonWriter(response.Body);
            writer.WriteStartObject();
            writer.WriteString("object", "list");
            writer.WriteStartArray("data");
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array)
            {
                foreach (var model in data.EnumerateArray())
                {
                    if (model.ValueKind == JsonValueKind.Object && model.TryGetProperty("id", out var id)
                        && id.ValueKind == JsonValueKind.String && policy.Models.IsAllowed(id.GetString()!))
                    {
                        model.WriteTo(writer);
                    }
                }
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}

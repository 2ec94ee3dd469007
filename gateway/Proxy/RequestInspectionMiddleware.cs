using AiGateway.Errors;
using AiGateway.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace AiGateway.Proxy;

/// <summary>
/// Reads a JSON request body (bounded: 413 past the limit), validates it and records the model and
/// stream flag on the request feature; the body is then forwarded byte for byte. For
/// <c>GET /v1/models/{id}</c> the model comes from the path.
/// </summary>
internal sealed class RequestInspectionMiddleware
{
    private readonly RequestDelegate _next;
    private readonly int _limit;

    public RequestInspectionMiddleware(RequestDelegate next, IOptions<ProxyOptions> options)
    {
        _next = next;
        _limit = options.Value.MaxRequestBodyBytes;
    }

    public Task InvokeAsync(HttpContext context)
    {
        var feature = context.Features.GetRequiredFeature<GatewayRequestFeature>();
        if (!feature.Route.HasJsonBody)
        {
            feature.Model = context.Request.RouteValues.TryGetValue("model", out var model) ? model as string : null;
            return _next(context);
        }
        return InspectBodyAsync(context, feature);
    }

    /// <summary>Bytes past the limit the gateway still reads and discards, so a slightly oversized upload gets a clean 413.</summary>
    internal const int DrainAllowanceBytes = 1024 * 1024;

    /// <summary>
    /// A client still sending its body often misses a response written before the body is consumed (the
    /// connection is reset under it). Reading on, within the allowance, lets it see the 413; beyond the
    /// allowance Kestrel stops reading and the connection is closed.
    /// </summary>
    private static async Task DrainAsync(HttpContext context)
    {
        if (context.Request.ContentLength > (long)DrainAllowanceBytes * 2)
        {
            return;
        }
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            while (await context.Request.Body.ReadAsync(buffer, context.RequestAborted).ConfigureAwait(false) > 0)
            {
            }
        }
        catch (BadHttpRequestException)
        {
            // Past Kestrel's limit: give up draining; the connection will be closed after the response.
        }
        catch (IOException)
        {
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task InspectBodyAsync(HttpContext context, GatewayRequestFeature feature)
    {
        PooledBytes? body;
        try
        {
            body = await RequestBodyReader.ReadAsync(context.Request, _limit, context.RequestAborted).ConfigureAwait(false);
        }
        catch (BadHttpRequestException ex)
        {
            // Kestrel's own checks (its size limit on chunked bodies, broken framing) end here, not in a 500.
            await ErrorResponseWriter.WriteAsync(context, ex.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? GatewayErrors.RequestTooLarge
                : GatewayErrors.InvalidJson("The request body could not be read.")).ConfigureAwait(false);
            return;
        }
        if (body is null)
        {
            await DrainAsync(context).ConfigureAwait(false);
            await ErrorResponseWriter.WriteAsync(context, GatewayErrors.RequestTooLarge).ConfigureAwait(false);
            return;
        }
        context.Response.RegisterForDispose(body);

        var inspection = RequestBodyInspector.Inspect(body.Span, feature.Route.Endpoint);
        if (inspection.Error is { } error)
        {
            await ErrorResponseWriter.WriteAsync(context, error).ConfigureAwait(false);
            return;
        }
        feature.Model = inspection.Model;
        feature.Stream = inspection.Stream;
        feature.MaxTokens = inspection.MaxTokens;
        feature.Body = body;
        feature.ForwardBody = body;

        context.Request.Body = body.AsStream();
        context.Request.ContentLength = body.Length;
        await _next(context).ConfigureAwait(false);
    }
}

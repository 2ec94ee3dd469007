using AiGateway.Errors;
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

    private async Task InspectBodyAsync(HttpContext context, GatewayRequestFeature feature)
    {
        PooledRequestBody? body;
        try
        {
            body = await PooledRequestBody.ReadAsync(context.Request, _limit, context.RequestAborted).ConfigureAwait(false);
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

        context.Request.Body = body.AsStream();
        context.Request.ContentLength = body.Length;
        await _next(context).ConfigureAwait(false);
    }
}

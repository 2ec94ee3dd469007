using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AiGateway.VaultDouble;

/// <summary>The terminal handler: HTTP in, <see cref="VaultDispatcher"/>, HTTP out. The thin adapter over the HTTP-free core.</summary>
internal sealed class VaultEndpoint(VaultDispatcher dispatcher, ILogger<VaultEndpoint> logger)
{
    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var body = context.Features.Get<RequestBodyFeature>()?.Body ?? [];
        if (!VaultRequestFactory.TryCreate(context, body, out var request, out var error))
        {
            VaultDoubleLog.RequestRefused(logger, context.Request.Method, context.Request.Path.Value ?? "", error!.StatusCode);
            return VaultResponseWriter.WriteAsync(context, error);
        }

        return VaultResponseWriter.WriteAsync(context, dispatcher.Dispatch(request!));
    }
}

using Microsoft.AspNetCore.Http;

namespace AiGateway.UpstreamSimulator;

/// <summary>
/// Requires an active upstream key on every <c>/v1</c> model endpoint (401 otherwise, as OpenAI answers).
/// The key-management API has its own admin bearer, checked by its endpoints.
/// </summary>
internal sealed class ApiKeyAuthMiddleware(RequestDelegate next, SimulatorState state)
{
    public Task InvokeAsync(HttpContext context)
    {
        var feature = context.Features.Get<SimulatorRequestFeature>();
        if (feature is null || context.Request.Path.StartsWithSegments(SimulatorRoutes.KeysPath))
        {
            return next(context);
        }

        if (feature.ApiKey is null)
        {
            return OpenAiErrorWriter.WriteAsync(context, OpenAiErrors.MissingApiKey());
        }

        return state.Keys.Authenticate(feature.ApiKey)
            ? next(context)
            : OpenAiErrorWriter.WriteAsync(context, OpenAiErrors.IncorrectApiKey(feature.ApiKey));
    }
}

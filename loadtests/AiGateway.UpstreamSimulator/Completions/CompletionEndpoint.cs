using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace AiGateway.UpstreamSimulator;

/// <summary>
/// <c>POST /v1/chat/completions</c> and <c>POST /v1/completions</c>: validate, plan the reply, then hand it to
/// <see cref="CompletionResponder"/>. One instance per route, bound to its parser and JSON format.
/// </summary>
internal sealed class CompletionEndpoint(SimulatorState state, CompletionRequestParser parse, ICompletionFormat format)
{
    public Task HandleAsync(HttpContext context)
    {
        var feature = context.Features.GetRequiredFeature<SimulatorRequestFeature>();
        if (!parse(feature.Body, out var request, out var error))
        {
            return OpenAiErrorWriter.WriteAsync(context, error);
        }

        if (!state.Options.Models.Contains(request.Model))
        {
            return OpenAiErrorWriter.WriteAsync(context, OpenAiErrors.ModelNotFound(request.Model));
        }

        if (!SimulationSettings.TryResolve(context.Request.Headers, state.Options, out var settings, out error))
        {
            return OpenAiErrorWriter.WriteAsync(context, error);
        }

        var plan = CompletionPlan.Create(
            format.IdPrefix + RandomIds.Fast(29),
            state.TimeProvider.GetUtcNow().ToUnixTimeSeconds(),
            request,
            settings.OutputTokens);

        // The response id doubles as the request id, so gateway logs and ReportedUsage line up.
        context.Response.Headers[RequestCaptureMiddleware.RequestIdHeader] = plan.Id;
        return request.Stream
            ? CompletionResponder.StreamAsync(context, state, format, plan, settings)
            : CompletionResponder.WriteJsonAsync(context, state, format, plan, settings);
    }
}

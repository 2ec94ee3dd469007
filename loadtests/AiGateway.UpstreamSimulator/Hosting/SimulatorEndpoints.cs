using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AiGateway.UpstreamSimulator;

/// <summary>The request pipeline and route table: the simulator's table of contents.</summary>
internal static class SimulatorEndpoints
{
    public static void MapSimulator(this WebApplication app, SimulatorState state)
    {
        // Order matters: capture (and record) first, then reject bad keys, then injected failures.
        app.UseMiddleware<RequestCaptureMiddleware>();
        app.UseMiddleware<ApiKeyAuthMiddleware>();
        app.UseMiddleware<FailureInjectionMiddleware>();

        var chat = new CompletionEndpoint(state, ChatRequestParser.TryParse, ChatCompletionFormat.Instance);
        var completions = new CompletionEndpoint(state, TextCompletionRequestParser.TryParse, TextCompletionFormat.Instance);
        var embeddings = new EmbeddingsEndpoint(state);
        var models = new ModelsEndpoints(state);
        var keys = new KeyManagementEndpoints(state);
        var inspection = new InspectionEndpoints(state);

        app.MapPost("/v1/chat/completions", (RequestDelegate)chat.HandleAsync);
        app.MapPost("/v1/completions", (RequestDelegate)completions.HandleAsync);
        app.MapPost("/v1/embeddings", (RequestDelegate)embeddings.HandleAsync);
        app.MapGet("/v1/models", (RequestDelegate)models.ListAsync);
        app.MapGet("/v1/models/{**id}", (RequestDelegate)models.GetAsync);

        app.MapPost(SimulatorRoutes.KeysPath, (RequestDelegate)keys.CreateAsync);
        app.MapGet(SimulatorRoutes.KeysPath, (RequestDelegate)keys.ListAsync);
        app.MapDelete(SimulatorRoutes.KeysPath + "/{id}", (RequestDelegate)keys.DeleteAsync);

        app.MapGet(SimulatorRoutes.InspectionPrefix + "/requests", (RequestDelegate)inspection.ListRequestsAsync);
        app.MapDelete(SimulatorRoutes.InspectionPrefix + "/requests", (RequestDelegate)inspection.ResetAsync);
        app.MapGet(SimulatorRoutes.InspectionPrefix + "/usage", (RequestDelegate)inspection.ListUsageAsync);
        app.MapDelete(SimulatorRoutes.InspectionPrefix + "/usage", (RequestDelegate)inspection.ResetAsync);

        // Unknown /v1 URLs get OpenAI's JSON 404 rather than an empty body an SDK cannot parse.
        app.MapFallback(SimulatorRoutes.ApiPrefix + "/{**path}", static context =>
            OpenAiErrorWriter.WriteAsync(context, OpenAiErrors.InvalidUrl(context.Request.Method, context.Request.Path.Value ?? string.Empty)));
    }
}

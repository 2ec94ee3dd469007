using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace AiGateway.UpstreamSimulator;

/// <summary><c>GET /v1/models</c> and <c>GET /v1/models/{id}</c> over <see cref="SimulatorOptions.Models"/> (WIRE-FACTS B.3).</summary>
internal sealed class ModelsEndpoints(SimulatorState state)
{
    // A fixed timestamp: model metadata is static, and stable output is easier to assert on.
    private const long Created = 1_700_000_000;
    private const string OwnedBy = "upstream-simulator";

    public Task ListAsync(HttpContext context) =>
        JsonResponse.WriteAsync(context, StatusCodes.Status200OK, state.Options.Models.ToArray(), static (writer, models) =>
        {
            writer.WriteStartObject();
            writer.WriteString("object", "list");
            writer.WriteStartArray("data");
            foreach (var model in models)
            {
                WriteModel(writer, model);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        });

    public Task GetAsync(HttpContext context)
    {
        var id = context.Request.RouteValues["id"] as string ?? string.Empty;
        return state.Options.Models.Contains(id)
            ? JsonResponse.WriteAsync(context, StatusCodes.Status200OK, id, WriteModel)
            : OpenAiErrorWriter.WriteAsync(context, OpenAiErrors.ModelNotFound(id));
    }

    private static void WriteModel(Utf8JsonWriter writer, string id)
    {
        writer.WriteStartObject();
        writer.WriteString("id", id);
        writer.WriteString("object", "model");
        writer.WriteNumber("created", Created);
        writer.WriteString("owned_by", OwnedBy);
        writer.WriteEndObject();
    }
}

using System.Buffers;
using System.Buffers.Binary;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace AiGateway.UpstreamSimulator;

/// <summary>
/// <c>POST /v1/embeddings</c>. Supports <c>encoding_format</c> <c>float</c> and <c>base64</c> (little-endian
/// float32), because openai SDKs ask for base64 unless told otherwise (WIRE-FACTS B.3).
/// </summary>
internal sealed class EmbeddingsEndpoint(SimulatorState state)
{
    public async Task HandleAsync(HttpContext context)
    {
        var feature = context.Features.GetRequiredFeature<SimulatorRequestFeature>();
        if (!EmbeddingRequestParser.TryParse(feature.Body, out var request, out var error)
            || !CheckModel(request, out error)
            || !SimulationSettings.TryResolve(context.Request.Headers, state.Options, out var settings, out error))
        {
            await OpenAiErrorWriter.WriteAsync(context, error).ConfigureAwait(false);
            return;
        }

        var usage = new ReportedUsage(feature.RequestId, "embeddings", request.Model, request.PromptTokens, 0, Stream: false, UsageSentToClient: true);
        try
        {
            await SimulatedDelay.WaitAsync(settings.LatencyMs, context.RequestAborted).ConfigureAwait(false);
        }
        finally
        {
            // Billed whether or not the caller waited for the answer, like the completion endpoints.
            state.Usage.Add(context.RequestAborted.IsCancellationRequested ? usage with { UsageSentToClient = false } : usage);
        }

        var dimensions = request.Dimensions ?? state.Options.EmbeddingDimensions;
        await JsonResponse.WriteAsync(context, StatusCodes.Status200OK, (request, dimensions), static (writer, s) => Write(writer, s.request, s.dimensions))
            .ConfigureAwait(false);
    }

    private bool CheckModel(EmbeddingRequest request, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out OpenAiError? error)
    {
        error = state.Options.Models.Contains(request.Model) ? null : OpenAiErrors.ModelNotFound(request.Model);
        return error is null;
    }

    private static void Write(Utf8JsonWriter writer, EmbeddingRequest request, int dimensions)
    {
        var vector = ArrayPool<float>.Shared.Rent(dimensions);
        var bytes = request.Base64 ? ArrayPool<byte>.Shared.Rent(dimensions * sizeof(float)) : null;
        try
        {
            writer.WriteStartObject();
            writer.WriteString("object", "list");
            writer.WriteStartArray("data");
            for (var i = 0; i < request.Inputs.Length; i++)
            {
                var values = vector.AsSpan(0, dimensions);
                EmbeddingVectorGenerator.Fill(request.Inputs[i], values);
                writer.WriteStartObject();
                writer.WriteString("object", "embedding");
                writer.WriteNumber("index", i);
                if (bytes is not null)
                {
                    WriteBase64(writer, values, bytes);
                }
                else
                {
                    writer.WriteStartArray("embedding");
                    foreach (var value in values)
                    {
                        writer.WriteNumberValue(value);
                    }

                    writer.WriteEndArray();
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteString("model", request.Model);
            writer.WriteStartObject("usage");
            writer.WriteNumber("prompt_tokens", request.PromptTokens);
            writer.WriteNumber("total_tokens", request.PromptTokens);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        finally
        {
            ArrayPool<float>.Shared.Return(vector);
            if (bytes is not null)
            {
                ArrayPool<byte>.Shared.Return(bytes);
            }
        }
    }

    private static void WriteBase64(Utf8JsonWriter writer, ReadOnlySpan<float> values, byte[] buffer)
    {
        var bytes = buffer.AsSpan(0, values.Length * sizeof(float));
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes[(i * sizeof(float))..], values[i]);
        }

        writer.WriteBase64String("embedding", bytes);
    }
}

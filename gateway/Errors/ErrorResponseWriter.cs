using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;

namespace AiGateway.Errors;

/// <summary>The one place that serialises gateway errors; nothing else writes error bodies.</summary>
public static class ErrorResponseWriter
{
    public static Task WriteAsync(HttpContext context, GatewayError error)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(error);
        if (context.Response.HasStarted)
        {
            // Too late for a status code: the caller sees a broken stream instead, which SDKs report.
            context.Abort();
            return Task.CompletedTask;
        }

        context.Features.Set(new GatewayErrorFeature(error));
        var response = context.Response;
        response.StatusCode = error.StatusCode;
        response.ContentType = "application/json";
        if (error.NotRetryable)
        {
            response.Headers["x-should-retry"] = "false";
        }

        var body = new ErrorEnvelope(new ErrorBody(error.Message, error.Type, error.Param, error.Code));
        return JsonSerializer.SerializeAsync(response.Body, body, ErrorJsonContext.Relaxed.ErrorEnvelope, context.RequestAborted);
    }

    /// <summary>Serialises an error to bytes, for callers that cannot write to a response (tests, logs).</summary>
    public static byte[] ToUtf8Bytes(GatewayError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var body = new ErrorEnvelope(new ErrorBody(error.Message, error.Type, error.Param, error.Code));
        return JsonSerializer.SerializeToUtf8Bytes(body, ErrorJsonContext.Relaxed.ErrorEnvelope);
    }
}

internal sealed record ErrorEnvelope(ErrorBody Error);

internal sealed record ErrorBody(string Message, string Type, string? Param, string? Code);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(ErrorEnvelope))]
internal sealed partial class ErrorJsonContext : JsonSerializerContext
{
    // Relaxed escaping keeps messages readable ("didn't", not "didn\u0027t"); bodies are always served
    // as application/json, never embedded in HTML.
    public static ErrorJsonContext Relaxed { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}

using Microsoft.AspNetCore.Http;

namespace AiGateway.UpstreamSimulator;

/// <summary>The one place that serializes <see cref="OpenAiError"/> bodies.</summary>
internal static class OpenAiErrorWriter
{
    public static Task WriteAsync(HttpContext context, OpenAiError error) =>
        JsonResponse.WriteAsync(context, error.StatusCode, error, static (writer, e) =>
        {
            writer.WriteStartObject();
            writer.WriteStartObject("error");
            writer.WriteString("message", e.Message);
            writer.WriteString("type", e.Type);
            WriteNullable(writer, "param", e.Param);
            WriteNullable(writer, "code", e.Code);
            writer.WriteEndObject();
            writer.WriteEndObject();
        });

    private static void WriteNullable(System.Text.Json.Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }
}

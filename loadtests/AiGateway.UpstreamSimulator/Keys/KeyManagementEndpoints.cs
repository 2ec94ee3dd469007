using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace AiGateway.UpstreamSimulator;

/// <summary>
/// The key-management API a key-rotation tool drives: create, list (redacted) and revoke upstream keys.
/// Guarded by <see cref="SimulatorOptions.AdminKey"/>; model-endpoint keys are not accepted here.
/// </summary>
internal sealed class KeyManagementEndpoints(SimulatorState state)
{
    public Task CreateAsync(HttpContext context)
    {
        if (!TryAuthorize(context, out var feature, out var denied))
        {
            return denied;
        }

        if (!TryReadName(feature.Body, out var name, out var error))
        {
            return OpenAiErrorWriter.WriteAsync(context, error);
        }

        var entry = state.Keys.Create(name);
        return JsonResponse.WriteAsync(context, StatusCodes.Status201Created, entry, static (writer, e) =>
        {
            writer.WriteStartObject();
            writer.WriteString("id", e.Id);
            writer.WriteString("object", "api_key");
            WriteName(writer, e.Name);
            writer.WriteString("key", e.Value);
            writer.WriteNumber("created_at", e.CreatedAt.ToUnixTimeSeconds());
            writer.WriteEndObject();
        });
    }

    public Task ListAsync(HttpContext context)
    {
        if (!TryAuthorize(context, out _, out var denied))
        {
            return denied;
        }

        return JsonResponse.WriteAsync(context, StatusCodes.Status200OK, state.Keys.List(), static (writer, keys) =>
        {
            writer.WriteStartObject();
            writer.WriteString("object", "list");
            writer.WriteStartArray("data");
            foreach (var key in keys)
            {
                writer.WriteStartObject();
                writer.WriteString("id", key.Id);
                writer.WriteString("object", "api_key");
                WriteName(writer, key.Name);
                writer.WriteNumber("created_at", key.CreatedAt.ToUnixTimeSeconds());
                writer.WriteBoolean("revoked", key.Revoked);
                writer.WriteString("redacted_value", key.RedactedValue);
                writer.WriteNumber("requests", key.Requests);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        });
    }

    public Task DeleteAsync(HttpContext context)
    {
        if (!TryAuthorize(context, out _, out var denied))
        {
            return denied;
        }

        var id = context.Request.RouteValues["id"] as string ?? string.Empty;
        if (!state.Keys.Revoke(id))
        {
            return OpenAiErrorWriter.WriteAsync(context, OpenAiErrors.KeyNotFound(id));
        }

        return JsonResponse.WriteAsync(context, StatusCodes.Status200OK, id, static (writer, keyId) =>
        {
            writer.WriteStartObject();
            writer.WriteString("id", keyId);
            writer.WriteString("object", "api_key.deleted");
            writer.WriteBoolean("deleted", true);
            writer.WriteEndObject();
        });
    }

    private bool TryAuthorize(HttpContext context, out SimulatorRequestFeature feature, out Task denied)
    {
        feature = context.Features.GetRequiredFeature<SimulatorRequestFeature>();
        denied = Task.CompletedTask;
        if (feature.ApiKey is null)
        {
            denied = OpenAiErrorWriter.WriteAsync(context, OpenAiErrors.MissingApiKey());
            return false;
        }

        if (!string.Equals(feature.ApiKey, state.Options.AdminKey, StringComparison.Ordinal))
        {
            denied = OpenAiErrorWriter.WriteAsync(context, OpenAiErrors.IncorrectApiKey(feature.ApiKey));
            return false;
        }

        return true;
    }

    /// <summary>The body is optional; when present it is <c>{"name": string|null}</c>.</summary>
    private static bool TryReadName(byte[] body, out string? name, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out OpenAiError? error)
    {
        name = null;
        error = null;
        if (body.Length == 0)
        {
            return true;
        }

        try
        {
            using var document = JsonDocument.Parse(body, SimulatorJson.DocumentOptions);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                error = OpenAiErrors.MalformedJson();
                return false;
            }

            if (root.TryGetProperty("name"u8, out var value) && value.ValueKind != JsonValueKind.Null)
            {
                if (value.ValueKind != JsonValueKind.String)
                {
                    error = OpenAiErrors.InvalidType("name", "a string");
                    return false;
                }

                name = value.GetString();
            }

            return true;
        }
        catch (JsonException)
        {
            error = OpenAiErrors.MalformedJson();
            return false;
        }
    }

    private static void WriteName(Utf8JsonWriter writer, string? name)
    {
        if (name is null)
        {
            writer.WriteNull("name");
        }
        else
        {
            writer.WriteString("name", name);
        }
    }
}

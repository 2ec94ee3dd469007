using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace AiGateway.UpstreamSimulator;

/// <summary>
/// <c>/_sim/*</c>: what the simulator received and billed, for out-of-process users such as load tests.
/// Deliberately unauthenticated: the simulator is a local test double bound to loopback, and these endpoints
/// never reveal a raw key (requests show the key id; the Authorization header is redacted).
/// </summary>
internal sealed class InspectionEndpoints(SimulatorState state)
{
    public Task ListRequestsAsync(HttpContext context) =>
        JsonResponse.WriteAsync(context, StatusCodes.Status200OK, this, static (writer, self) => self.WriteRequests(writer));

    public Task ResetAsync(HttpContext context)
    {
        state.Reset();
        context.Response.StatusCode = StatusCodes.Status204NoContent;
        return Task.CompletedTask;
    }

    public Task ListUsageAsync(HttpContext context) =>
        JsonResponse.WriteAsync(context, StatusCodes.Status200OK, state.Usage, static (writer, usage) => WriteUsage(writer, usage));

    private void WriteRequests(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("object", "list");
        writer.WriteBoolean("recording", state.Options.RecordRequests);
        writer.WriteStartArray("data");
        foreach (var request in state.Requests.Snapshot())
        {
            writer.WriteStartObject();
            writer.WriteString("method", request.Method);
            writer.WriteString("path", request.Path);
            WriteKeyIdentity(writer, request.ApiKey);
            writer.WriteStartObject("headers");
            foreach (var (name, value) in request.Headers)
            {
                var isCredential = string.Equals(name, HeaderNames.Authorization, StringComparison.OrdinalIgnoreCase);
                writer.WriteString(name, isCredential ? "[redacted]" : value);
            }

            writer.WriteEndObject();
            writer.WriteString("body", request.Body);
            writer.WriteString("received_at", request.ReceivedAt);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private void WriteKeyIdentity(Utf8JsonWriter writer, string? apiKey)
    {
        if (apiKey is null)
        {
            writer.WriteNull("key_id");
            writer.WriteNull("key_hint");
            return;
        }

        var id = string.Equals(apiKey, state.Options.AdminKey, StringComparison.Ordinal) ? "admin" : state.Keys.FindId(apiKey);
        if (id is null)
        {
            writer.WriteNull("key_id");
        }
        else
        {
            writer.WriteString("key_id", id);
        }

        // The same masked form OpenAI puts in its 401 message; enough to tell unknown keys apart.
        writer.WriteString("key_hint", KeyRedaction.Mask(apiKey));
    }

    private static void WriteUsage(Utf8JsonWriter writer, UsageLedger usage)
    {
        writer.WriteStartObject();
        writer.WriteString("object", "list");
        writer.WriteStartArray("data");
        foreach (var entry in usage.Snapshot())
        {
            writer.WriteStartObject();
            writer.WriteString("request_id", entry.RequestId);
            writer.WriteString("endpoint", entry.Endpoint);
            writer.WriteString("model", entry.Model);
            writer.WriteNumber("prompt_tokens", entry.PromptTokens);
            writer.WriteNumber("completion_tokens", entry.CompletionTokens);
            writer.WriteNumber("total_tokens", entry.PromptTokens + entry.CompletionTokens);
            writer.WriteBoolean("stream", entry.Stream);
            writer.WriteBoolean("usage_sent_to_client", entry.UsageSentToClient);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();

        // Totals come from running counters, so they stay exact even after old entries were dropped from "data".
        long requests = 0, prompt = 0, completion = 0;
        writer.WriteStartObject("totals");
        foreach (var (model, totals) in usage.Totals())
        {
            WriteTotals(writer, model, totals.Requests, totals.PromptTokens, totals.CompletionTokens);
            requests += totals.Requests;
            prompt += totals.PromptTokens;
            completion += totals.CompletionTokens;
        }

        writer.WriteEndObject();
        WriteTotals(writer, "total", requests, prompt, completion);
        writer.WriteEndObject();
    }

    private static void WriteTotals(Utf8JsonWriter writer, string name, long requests, long prompt, long completion)
    {
        writer.WriteStartObject(name);
        writer.WriteNumber("requests", requests);
        writer.WriteNumber("prompt_tokens", prompt);
        writer.WriteNumber("completion_tokens", completion);
        writer.WriteNumber("total_tokens", prompt + completion);
        writer.WriteEndObject();
    }
}

using System.Text.Json;

namespace AiGateway.UpstreamSimulator;

/// <summary><c>chat.completion</c> and <c>chat.completion.chunk</c> objects, field for field as WIRE-FACTS B.1 and B.2.</summary>
internal sealed class ChatCompletionFormat : ICompletionFormat
{
    public static readonly ChatCompletionFormat Instance = new();

    private const string SystemFingerprint = "fp_simulator";

    public string Endpoint => "chat";

    public string IdPrefix => "chatcmpl-";

    public bool HasRoleChunk => true;

    public void WriteResponse(Utf8JsonWriter writer, CompletionPlan plan)
    {
        var content = CompletionText.Build(plan.TokensPerChoice);
        WriteHeader(writer, plan, "chat.completion");
        writer.WriteStartArray("choices");
        for (var i = 0; i < plan.Request.ChoiceCount; i++)
        {
            writer.WriteStartObject();
            writer.WriteNumber("index", i);
            writer.WriteStartObject("message");
            writer.WriteString("role", "assistant");
            writer.WriteString("content", content);
            writer.WriteNull("refusal");
            writer.WriteStartArray("annotations");
            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteNull("logprobs");
            writer.WriteString("finish_reason", plan.FinishReason);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        UsageJson.Write(writer, plan.Request.PromptTokens, plan.TotalCompletionTokens, includeDetails: true);
        writer.WriteString("service_tier", "default");
        writer.WriteString("system_fingerprint", SystemFingerprint);
        writer.WriteEndObject();
    }

    public void WriteRoleChunk(Utf8JsonWriter writer, CompletionPlan plan, int choice)
    {
        WriteChunkStart(writer, plan, choice);
        writer.WriteStartObject("delta");
        writer.WriteString("role", "assistant");
        writer.WriteString("content", string.Empty);
        writer.WriteNull("refusal");
        writer.WriteEndObject();
        WriteChunkEnd(writer, plan, null);
    }

    public void WriteTokenChunk(Utf8JsonWriter writer, CompletionPlan plan, int choice, string token)
    {
        WriteChunkStart(writer, plan, choice);
        writer.WriteStartObject("delta");
        writer.WriteString("content", token);
        writer.WriteEndObject();
        WriteChunkEnd(writer, plan, null);
    }

    public void WriteFinishChunk(Utf8JsonWriter writer, CompletionPlan plan, int choice)
    {
        WriteChunkStart(writer, plan, choice);
        writer.WriteStartObject("delta");
        writer.WriteEndObject();
        WriteChunkEnd(writer, plan, plan.FinishReason);
    }

    public void WriteUsageChunk(Utf8JsonWriter writer, CompletionPlan plan)
    {
        WriteHeader(writer, plan, "chat.completion.chunk");
        writer.WriteString("service_tier", "default");
        writer.WriteString("system_fingerprint", SystemFingerprint);
        writer.WriteStartArray("choices");
        writer.WriteEndArray();
        UsageJson.Write(writer, plan.Request.PromptTokens, plan.TotalCompletionTokens, includeDetails: true);
        writer.WriteEndObject();
    }

    private static void WriteHeader(Utf8JsonWriter writer, CompletionPlan plan, string objectType)
    {
        writer.WriteStartObject();
        writer.WriteString("id", plan.Id);
        writer.WriteString("object", objectType);
        writer.WriteNumber("created", plan.Created);
        writer.WriteString("model", plan.Request.Model);
    }

    private static void WriteChunkStart(Utf8JsonWriter writer, CompletionPlan plan, int choice)
    {
        WriteHeader(writer, plan, "chat.completion.chunk");
        writer.WriteString("service_tier", "default");
        writer.WriteString("system_fingerprint", SystemFingerprint);
        writer.WriteStartArray("choices");
        writer.WriteStartObject();
        writer.WriteNumber("index", choice);
    }

    private static void WriteChunkEnd(Utf8JsonWriter writer, CompletionPlan plan, string? finishReason)
    {
        writer.WriteNull("logprobs");
        if (finishReason is null)
        {
            writer.WriteNull("finish_reason");
        }
        else
        {
            writer.WriteString("finish_reason", finishReason);
        }

        writer.WriteEndObject();
        writer.WriteEndArray();

        // Real OpenAI: "usage": null on every other chunk only when include_usage is on; no key otherwise.
        if (plan.Request.IncludeUsage)
        {
            writer.WriteNull("usage");
        }

        writer.WriteEndObject();
    }
}

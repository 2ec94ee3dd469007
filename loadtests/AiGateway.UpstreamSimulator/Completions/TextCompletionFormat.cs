using System.Text.Json;

namespace AiGateway.UpstreamSimulator;

/// <summary>Legacy <c>text_completion</c> objects (WIRE-FACTS B.3); streams use the same object type per chunk.</summary>
internal sealed class TextCompletionFormat : ICompletionFormat
{
    public static readonly TextCompletionFormat Instance = new();

    public string Endpoint => "completions";

    public string IdPrefix => "cmpl-";

    public bool HasRoleChunk => false;

    public void WriteResponse(Utf8JsonWriter writer, CompletionPlan plan)
    {
        var text = CompletionText.Build(plan.TokensPerChoice);
        WriteHeader(writer, plan);
        writer.WriteStartArray("choices");
        for (var i = 0; i < plan.Request.ChoiceCount; i++)
        {
            WriteChoice(writer, i, text, plan.FinishReason);
        }

        writer.WriteEndArray();
        UsageJson.Write(writer, plan.Request.PromptTokens, plan.TotalCompletionTokens, includeDetails: false);
        writer.WriteNull("system_fingerprint");
        writer.WriteEndObject();
    }

    public void WriteRoleChunk(Utf8JsonWriter writer, CompletionPlan plan, int choice)
    {
        // Legacy completions have no role; the responder never calls this (HasRoleChunk is false).
    }

    public void WriteTokenChunk(Utf8JsonWriter writer, CompletionPlan plan, int choice, string token) =>
        WriteChunk(writer, plan, choice, token, null);

    public void WriteFinishChunk(Utf8JsonWriter writer, CompletionPlan plan, int choice) =>
        WriteChunk(writer, plan, choice, string.Empty, plan.FinishReason);

    public void WriteUsageChunk(Utf8JsonWriter writer, CompletionPlan plan)
    {
        WriteHeader(writer, plan);
        writer.WriteStartArray("choices");
        writer.WriteEndArray();
        writer.WriteNull("system_fingerprint");
        UsageJson.Write(writer, plan.Request.PromptTokens, plan.TotalCompletionTokens, includeDetails: false);
        writer.WriteEndObject();
    }

    private static void WriteChunk(Utf8JsonWriter writer, CompletionPlan plan, int choice, string text, string? finishReason)
    {
        WriteHeader(writer, plan);
        writer.WriteStartArray("choices");
        WriteChoice(writer, choice, text, finishReason);
        writer.WriteEndArray();
        writer.WriteNull("system_fingerprint");
        if (plan.Request.IncludeUsage)
        {
            writer.WriteNull("usage");
        }

        writer.WriteEndObject();
    }

    private static void WriteHeader(Utf8JsonWriter writer, CompletionPlan plan)
    {
        writer.WriteStartObject();
        writer.WriteString("id", plan.Id);
        writer.WriteString("object", "text_completion");
        writer.WriteNumber("created", plan.Created);
        writer.WriteString("model", plan.Request.Model);
    }

    private static void WriteChoice(Utf8JsonWriter writer, int index, string text, string? finishReason)
    {
        writer.WriteStartObject();
        writer.WriteString("text", text);
        writer.WriteNumber("index", index);
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
    }
}

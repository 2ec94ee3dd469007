using System.Text.Json;

namespace AiGateway.UpstreamSimulator;

/// <summary>
/// The JSON shapes of one completion API. <see cref="CompletionResponder"/> owns the flow (delays, chunk order,
/// abort, usage recording); a format only writes objects, so chat and legacy completions share that flow.
/// </summary>
internal interface ICompletionFormat
{
    /// <summary>The <see cref="ReportedUsage.Endpoint"/> value.</summary>
    string Endpoint { get; }

    /// <summary>Prefix of response ids (<c>chatcmpl-</c>, <c>cmpl-</c>).</summary>
    string IdPrefix { get; }

    /// <summary>Whether streams open with a role chunk per choice (chat does, legacy does not).</summary>
    bool HasRoleChunk { get; }

    void WriteResponse(Utf8JsonWriter writer, CompletionPlan plan);

    void WriteRoleChunk(Utf8JsonWriter writer, CompletionPlan plan, int choice);

    void WriteTokenChunk(Utf8JsonWriter writer, CompletionPlan plan, int choice, string token);

    void WriteFinishChunk(Utf8JsonWriter writer, CompletionPlan plan, int choice);

    void WriteUsageChunk(Utf8JsonWriter writer, CompletionPlan plan);
}

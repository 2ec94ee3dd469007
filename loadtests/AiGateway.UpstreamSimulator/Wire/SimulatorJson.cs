using System.Text.Encodings.Web;
using System.Text.Json;

namespace AiGateway.UpstreamSimulator;

/// <summary>Shared JSON reader/writer settings, created once.</summary>
internal static class SimulatorJson
{
    /// <summary>
    /// Relaxed escaping keeps messages readable (OpenAI does not escape <c>'</c> or <c>`</c>); the output is only
    /// ever served as <c>application/json</c> or SSE, never embedded in HTML.
    /// </summary>
    public static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static readonly JsonDocumentOptions DocumentOptions = new()
    {
        MaxDepth = 64,
    };
}

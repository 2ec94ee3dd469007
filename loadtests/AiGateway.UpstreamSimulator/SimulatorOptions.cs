namespace AiGateway.UpstreamSimulator;

/// <summary>
/// Settings of the upstream simulator. Bound from the <c>Simulator</c> configuration section when run
/// standalone, or passed to <see cref="UpstreamSimulator.StartAsync"/> in-process. The instance is read
/// on every request, so tests may change latency and output settings between requests.
/// </summary>
public sealed class SimulatorOptions
{
    /// <summary>Name of the configuration section the standalone host binds.</summary>
    public const string SectionName = "Simulator";

    /// <summary>API keys accepted when the simulator starts. Later changes go through <see cref="SimulatorKeyRegistry"/>.</summary>
    public List<string> Keys { get; set; } = ["sk-sim-local"];

    /// <summary>Bearer token for the key-management API (<c>/v1/keys</c>). It is not accepted by the model endpoints.</summary>
    public string AdminKey { get; set; } = "sim-admin";

    /// <summary>Model ids the simulator serves; any other model gets 404 <c>model_not_found</c>.</summary>
    public List<string> Models { get; set; } = ["deepseek-v3.2", "gemini-2.5-flash", "gpt-4.1", "claude-sonnet-4.5", "text-embedding-3-small"];

    /// <summary>Milliseconds added before every non-streaming chat, completion and embedding response (and injected errors). Default 0.</summary>
    public int LatencyMs { get; set; }

    /// <summary>Streaming: milliseconds before the first chunk. The first content token follows it immediately. Default 0.</summary>
    public int TimeToFirstTokenMs { get; set; }

    /// <summary>Streaming: milliseconds between consecutive content-token chunks. Default 0.</summary>
    public int InterChunkDelayMs { get; set; }

    /// <summary>Completion length in tokens per choice, capped by <c>max_tokens</c> / <c>max_completion_tokens</c>. Default 16.</summary>
    public int OutputTokens { get; set; } = 16;

    /// <summary>Embedding length when the request sends no <c>dimensions</c>. Default 1536.</summary>
    public int EmbeddingDimensions { get; set; } = 1536;

    /// <summary>Record every <c>/v1</c> request (with headers and body) for inspection. Default true; load tests turn it off.</summary>
    public bool RecordRequests { get; set; } = true;

    /// <summary>
    /// Most recent entries kept in each of the received-request and reported-usage logs; older ones are dropped
    /// so a long-running demo cannot exhaust memory. Per-model usage totals are never dropped. Default 100,000.
    /// </summary>
    public int MaxRecordedEntries { get; set; } = 100_000;
}

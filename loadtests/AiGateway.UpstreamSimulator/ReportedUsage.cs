namespace AiGateway.UpstreamSimulator;

/// <summary>
/// The usage the simulator "billed" for one response: what a real provider would charge, whether or not the
/// client received a usage object. Gateways reconcile their own metering against these records.
/// </summary>
/// <param name="RequestId">The response <c>id</c> (<c>chatcmpl-…</c>, <c>cmpl-…</c>) or, for embeddings, the generated request id; always equals the <c>x-request-id</c> response header.</param>
/// <param name="Endpoint"><c>chat</c>, <c>completions</c> or <c>embeddings</c>.</param>
/// <param name="Model">The requested model.</param>
/// <param name="PromptTokens">Prompt tokens (o200k_base, cookbook message rule for chat).</param>
/// <param name="CompletionTokens">Completion tokens produced, summed over choices; for an interrupted stream only those already sent.</param>
/// <param name="Stream">True for a streaming response.</param>
/// <param name="UsageSentToClient">True when the response carried a usage object to the client.</param>
public sealed record ReportedUsage(
    string RequestId,
    string Endpoint,
    string Model,
    int PromptTokens,
    int CompletionTokens,
    bool Stream,
    bool UsageSentToClient);

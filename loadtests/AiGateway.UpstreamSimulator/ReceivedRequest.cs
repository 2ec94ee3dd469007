namespace AiGateway.UpstreamSimulator;

/// <summary>One request that reached a <c>/v1</c> endpoint of the simulator, recorded before it was authenticated.</summary>
/// <param name="Method">HTTP method.</param>
/// <param name="Path">Request path, without the query string.</param>
/// <param name="ApiKey">The bearer value the simulator saw, or null when there was none.</param>
/// <param name="Headers">All request headers; names lower-cased, repeated values joined with ", ". Lookups ignore case.</param>
/// <param name="Body">The request body as UTF-8 text (empty when there was none).</param>
/// <param name="ReceivedAt">When the simulator received the request.</param>
public sealed record ReceivedRequest(
    string Method,
    string Path,
    string? ApiKey,
    IReadOnlyDictionary<string, string> Headers,
    string Body,
    DateTimeOffset ReceivedAt);

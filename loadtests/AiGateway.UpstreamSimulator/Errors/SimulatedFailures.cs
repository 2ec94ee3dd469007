namespace AiGateway.UpstreamSimulator;

/// <summary>Maps an <c>x-sim-status</c> code to the error body OpenAI sends with that status (WIRE-FACTS B.4).</summary>
internal static class SimulatedFailures
{
    /// <param name="status">The injected status (400-599).</param>
    /// <param name="apiKey">The key the request presented; a simulated 401 masks it exactly as a real one would.</param>
    public static OpenAiError ForStatus(int status, string apiKey) => status switch
    {
        401 => OpenAiErrors.IncorrectApiKey(apiKey),
        403 => new(403, "Country, region, or territory not supported (simulated by x-sim-status)", "request_forbidden", Code: "unsupported_country_region_territory"),
        404 => new(404, "The model does not exist or you do not have access to it. (simulated by x-sim-status)", "invalid_request_error", Code: "model_not_found"),
        429 => new(429, "Rate limit reached for requests per min (RPM): Limit 60, Used 60, Requested 1. Please try again in 1s. (simulated by x-sim-status)", "requests", Code: "rate_limit_exceeded"),
        500 => new(500, "The server had an error while processing your request. Sorry about that! (simulated by x-sim-status)", "server_error"),
        503 => new(503, "The engine is currently overloaded, please try again later. (simulated by x-sim-status)", "server_error", Code: "service_unavailable"),
        >= 500 => new(status, $"Simulated upstream failure {status} (x-sim-status).", "server_error"),
        _ => new(status, $"Simulated request failure {status} (x-sim-status).", "invalid_request_error"),
    };
}

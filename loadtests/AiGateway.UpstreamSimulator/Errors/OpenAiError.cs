namespace AiGateway.UpstreamSimulator;

/// <summary>One error response in OpenAI's shape: <c>{"error":{"message","type","param","code"}}</c> with its status (WIRE-FACTS B.4).</summary>
internal sealed record OpenAiError(int StatusCode, string Message, string Type, string? Param = null, string? Code = null);

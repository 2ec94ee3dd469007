namespace AiGateway.UpstreamSimulator;

/// <summary>The reply decided for one completion request, shared by the JSON and SSE writers.</summary>
internal sealed record CompletionPlan(
    string Id,
    long Created,
    CompletionRequest Request,
    int TokensPerChoice,
    string FinishReason)
{
    public int TotalCompletionTokens => TokensPerChoice * Request.ChoiceCount;

    /// <summary>Applies the output length and the request's cap; <c>length</c> when the cap cut the reply short.</summary>
    public static CompletionPlan Create(string id, long created, CompletionRequest request, int outputTokens)
    {
        var capped = request.MaxTokens is { } max && max < outputTokens;
        var tokens = capped ? request.MaxTokens!.Value : outputTokens;
        return new CompletionPlan(id, created, request, tokens, capped ? "length" : "stop");
    }
}

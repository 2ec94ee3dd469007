namespace AiGateway.UpstreamSimulator;

/// <summary>Running usage totals for one model, updated without locks.</summary>
internal sealed class ModelUsageTotals
{
    private long _requests;
    private long _promptTokens;
    private long _completionTokens;

    public long Requests => Interlocked.Read(ref _requests);

    public long PromptTokens => Interlocked.Read(ref _promptTokens);

    public long CompletionTokens => Interlocked.Read(ref _completionTokens);

    public void Add(ReportedUsage usage)
    {
        Interlocked.Increment(ref _requests);
        Interlocked.Add(ref _promptTokens, usage.PromptTokens);
        Interlocked.Add(ref _completionTokens, usage.CompletionTokens);
    }
}

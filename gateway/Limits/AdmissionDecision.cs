namespace AiGateway.Limits;

/// <summary>Formats shared by both stores: the state reported in headers and the refusal that wins.</summary>
internal static class AdmissionDecision
{
    /// <summary>The tighter of two (limit, remaining) pairs; 0 limits are "no limit" and lose to any real one.</summary>
    public static (long Limit, long Remaining, long ResetMs) Tighter((long Limit, long Remaining, long ResetMs) a, (long Limit, long Remaining, long ResetMs) b)
    {
        if (a.Limit <= 0)
        {
            return b;
        }
        if (b.Limit <= 0)
        {
            return a;
        }
        return b.Remaining < a.Remaining ? b : a;
    }
}

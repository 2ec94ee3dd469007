namespace AiGateway.LoadTests;

/// <summary>
/// Paces how fast closed-model copies start (a token bucket refilled at a fixed rate), so ten thousand
/// long-lived streams open their connections over seconds instead of in one SYN flood.
/// Used only by the scheduler thread.
/// </summary>
internal sealed class CopyStartBudget(double perSecond, TimeProvider clock)
{
    // A tenth of a second's worth may start at once, so small runs start all their copies immediately.
    private readonly double _burst = Math.Max(1, perSecond / 10);
    private double _available;
    private long _refilledAt;

    public void Reset(long now)
    {
        _available = _burst;
        _refilledAt = now;
    }

    /// <summary>Takes up to <paramref name="wanted"/> starts and returns how many were granted.</summary>
    public int Take(int wanted, long now)
    {
        _available = Math.Min(_burst, _available + (perSecond * clock.GetElapsedTime(_refilledAt, now).TotalSeconds));
        _refilledAt = now;
        var granted = (int)Math.Min(wanted, Math.Floor(_available));
        _available -= granted;
        return granted;
    }
}

namespace AiGateway.Limits;

/// <summary>
/// Usage over the last 60 seconds in one-second buckets: the current second plus the 60 before it, so any
/// 60-second span of real time lies inside the counted buckets (a little stricter than exact, never looser).
/// The same arithmetic runs in Redis (Scripts/admit.lua); the shared contract tests hold both to it.
/// </summary>
internal sealed class SlidingWindow
{
    public const int Buckets = 61;

    private readonly long[] _seconds = new long[Buckets];
    private readonly long[] _amounts = new long[Buckets];

    /// <summary>Total in the window at <paramref name="now"/> (whole seconds).</summary>
    public long Used(long now)
    {
        long total = 0;
        for (var i = 0; i < Buckets; i++)
        {
            if (now - _seconds[i] < Buckets)
            {
                total += _amounts[i];
            }
        }
        return total;
    }

    /// <summary>Milliseconds until <paramref name="needed"/> fits under <paramref name="limit"/> as old buckets leave the window.</summary>
    public long RetryAfterMs(long nowMs, long limit, long needed)
    {
        var now = nowMs / 1000;
        var used = Used(now);
        for (var age = Buckets - 1; age >= 0; age--)
        {
            var second = now - age;
            used -= AmountAt(second);
            if (used + needed <= limit)
            {
                return Math.Max(1, (second + Buckets) * 1000 - nowMs);
            }
        }
        return Buckets * 1000;
    }

    /// <summary>Milliseconds until the window is empty: OpenAI's "reset" (time to full replenishment).</summary>
    public long ResetMs(long nowMs)
    {
        var now = nowMs / 1000;
        for (var age = Buckets - 1; age >= 0; age--)
        {
            if (AmountAt(now - age) > 0)
            {
                return Math.Max(0, (now - age + Buckets) * 1000 - nowMs);
            }
        }
        return 0;
    }

    public void Add(long second, long amount)
    {
        var i = (int)(second % Buckets);
        if (_seconds[i] != second)
        {
            _seconds[i] = second;
            _amounts[i] = 0;
        }
        _amounts[i] += amount;
    }

    /// <summary>Corrects a past bucket if it is still in the window; a bucket that has left counts for nothing anyway.</summary>
    public void Adjust(long now, long second, long delta)
    {
        var i = (int)(second % Buckets);
        if (_seconds[i] == second && now - second < Buckets)
        {
            _amounts[i] += delta;
        }
    }

    private long AmountAt(long second)
    {
        var i = (int)(second % Buckets);
        return _seconds[i] == second ? _amounts[i] : 0;
    }
}

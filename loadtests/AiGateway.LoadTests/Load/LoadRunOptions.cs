namespace AiGateway.LoadTests;

/// <summary>Settings of one scenario run. Call <see cref="Validate"/> (the runner does) before use.</summary>
public sealed class LoadRunOptions
{
    /// <summary>The load is replayed for this long first, and not recorded. Default 0 (no warm-up).</summary>
    public TimeSpan WarmUp { get; init; }

    /// <summary>
    /// Open model: most requests in flight at once. An arrival that finds the cap reached is not sent and is
    /// counted as dropped (client overloaded), never skipped silently. Default 10,000.
    /// </summary>
    public int MaxInFlight { get; init; } = 10_000;

    /// <summary>After the load window, how long in-flight requests may still finish; the rest count as timeouts. Default 10 s.</summary>
    public TimeSpan GracePeriod { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Per-request timeout; null (the default) leaves only the end-of-run grace period.</summary>
    public TimeSpan? RequestTimeout { get; init; }

    /// <summary>
    /// Closed model: most new copies started per second, so that thousands of long-lived streams open their
    /// connections over a ramp rather than in one burst. Default 2,000/s (a tenth of it may start at once).
    /// </summary>
    public double MaxCopyStartsPerSecond { get; init; } = 2_000;

    /// <summary>
    /// Shortest sleep of the open-model scheduler. Requests that fall due while it sleeps go out together;
    /// their latency still counts from their intended time. Default 200 µs.
    /// </summary>
    public TimeSpan SchedulerResolution { get; init; } = TimeSpan.FromMicroseconds(200);

    /// <summary>How often <see cref="OnInterval"/> is called. Default 5 s.</summary>
    public TimeSpan ReportInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Progress callback, called every <see cref="ReportInterval"/> during the measured run; null for none.</summary>
    public Action<IntervalReport>? OnInterval { get; init; }

    /// <summary>Clock for scheduling and timing. Default <see cref="TimeProvider.System"/>; tests pass a fake one.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Throws <see cref="ArgumentException"/> naming every invalid setting.</summary>
    public void Validate()
    {
        var errors = new List<string>();
        if (WarmUp < TimeSpan.Zero)
        {
            errors.Add($"WarmUp must be >= 0 (got {WarmUp}).");
        }

        if (MaxInFlight < 1)
        {
            errors.Add($"MaxInFlight must be >= 1 (got {MaxInFlight}).");
        }

        if (GracePeriod < TimeSpan.Zero)
        {
            errors.Add($"GracePeriod must be >= 0 (got {GracePeriod}).");
        }

        if (RequestTimeout is { } timeout && timeout <= TimeSpan.Zero)
        {
            errors.Add($"RequestTimeout must be positive when set (got {timeout}).");
        }

        if (!(MaxCopyStartsPerSecond >= 1))
        {
            errors.Add($"MaxCopyStartsPerSecond must be >= 1 (got {MaxCopyStartsPerSecond}).");
        }

        if (SchedulerResolution <= TimeSpan.Zero || SchedulerResolution > TimeSpan.FromMilliseconds(100))
        {
            errors.Add($"SchedulerResolution must be in (0, 100 ms] (got {SchedulerResolution}).");
        }

        if (ReportInterval <= TimeSpan.Zero)
        {
            errors.Add($"ReportInterval must be positive (got {ReportInterval}).");
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid load run options: " + string.Join(" ", errors));
        }
    }
}

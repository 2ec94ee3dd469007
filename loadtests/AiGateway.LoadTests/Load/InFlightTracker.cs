namespace AiGateway.LoadTests;

/// <summary>
/// Counts requests in flight and signals when the last one finishes after the driver has stopped issuing.
/// The count starts at 1 for the driver itself, so it cannot reach zero while load is still being issued.
/// </summary>
internal sealed class InFlightTracker
{
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _count = 1;
    private int _driverReference = 1;
    private int _peak;

    /// <summary>Completes once the driver has stopped and every request has been recorded.</summary>
    public Task Drained => _drained.Task;

    /// <summary>Requests currently in flight.</summary>
    public int InFlight => Math.Max(0, Volatile.Read(ref _count) - Volatile.Read(ref _driverReference));

    /// <summary>Most requests seen in flight at once.</summary>
    public int Peak => Volatile.Read(ref _peak);

    /// <summary>Open model, called by the single scheduler thread: admits a request unless <paramref name="max"/> are in flight.</summary>
    public bool TryEnter(int max)
    {
        if (InFlight >= max)
        {
            return false;
        }

        Enter();
        return true;
    }

    /// <summary>Counts one more request in flight.</summary>
    public void Enter()
    {
        var inFlight = Interlocked.Increment(ref _count) - Volatile.Read(ref _driverReference);

        // Compare-and-swap so a concurrent, smaller value never overwrites a larger peak.
        for (var peak = Volatile.Read(ref _peak); inFlight > peak; peak = Volatile.Read(ref _peak))
        {
            if (Interlocked.CompareExchange(ref _peak, inFlight, peak) == peak)
            {
                break;
            }
        }
    }

    /// <summary>Counts one request as finished; call it after the request has been recorded.</summary>
    public void Exit()
    {
        if (Interlocked.Decrement(ref _count) == 0)
        {
            _drained.TrySetResult();
        }
    }

    /// <summary>The driver has stopped issuing requests; once in-flight ones finish, <see cref="Drained"/> completes.</summary>
    public void ReleaseDriver()
    {
        if (Interlocked.Exchange(ref _driverReference, 0) == 1)
        {
            Exit();
        }
    }
}

namespace AiGateway.VaultDouble;

/// <summary>
/// Failures a test can inject into a running <see cref="VaultTestDouble"/>. Changes apply to the next request.
/// </summary>
public sealed class VaultFaults
{
    private readonly Lock _lock = new();
    private long _latencyTicks;
    private volatile bool _unreachable;
    private int _failuresLeft;
    private int _failureStatus = 500;

    /// <summary>
    /// A real delay added before every answer (health included). It is wall-clock time, not the double's
    /// <see cref="TimeProvider"/>: keep it tiny, or use it only in timeout tests. Default zero.
    /// </summary>
    public TimeSpan Latency
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _latencyTicks));
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
            Interlocked.Exchange(ref _latencyTicks, value.Ticks);
        }
    }

    /// <summary>
    /// When true every connection is aborted without an answer (<c>HttpContext.Abort</c>), as a network failure
    /// would look to a client. The request is still recorded in <see cref="VaultTestDouble.Requests"/>.
    /// </summary>
    public bool Unreachable
    {
        get => _unreachable;
        set => _unreachable = value;
    }

    /// <summary>
    /// Makes the next <paramref name="count"/> requests (any path except <c>sys/health</c>) answer
    /// <paramref name="statusCode"/> with <c>{"errors":["injected failure"]}</c>. Replaces any failures still pending;
    /// a count of zero cancels them.
    /// </summary>
    /// <param name="count">How many requests fail; zero or more.</param>
    /// <param name="statusCode">An error status between 400 and 599. Default 500.</param>
    public void FailNext(int count, int statusCode = 500)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (statusCode is < 400 or > 599)
        {
            throw new ArgumentOutOfRangeException(nameof(statusCode), statusCode, "An injected failure must be an error status (400-599).");
        }

        lock (_lock)
        {
            _failuresLeft = count;
            _failureStatus = statusCode;
        }
    }

    /// <summary>Consumes one pending failure, if any, and returns its status.</summary>
    internal bool TryTakeFailure(out int statusCode)
    {
        lock (_lock)
        {
            statusCode = _failureStatus;
            if (_failuresLeft <= 0)
            {
                return false;
            }

            _failuresLeft--;
            return true;
        }
    }
}

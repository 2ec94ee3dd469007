using System.Collections.Concurrent;

namespace AiGateway.UpstreamSimulator;

/// <summary>
/// Every <see cref="ReportedUsage"/> the simulator produced (newest entries, bounded) plus per-model totals
/// that are never truncated, so a long load test can still compare grand totals.
/// </summary>
internal sealed class UsageLedger(int capacity)
{
    private readonly BoundedLog<ReportedUsage> _entries = new(capacity);
    private readonly ConcurrentDictionary<string, ModelUsageTotals> _totals = new(StringComparer.Ordinal);
    private readonly List<(int Count, TaskCompletionSource Signal)> _waiters = [];
    private readonly Lock _waitersLock = new();
    private int _recorded;
    private int _waiterCount;

    public void Add(ReportedUsage usage)
    {
        _entries.Add(usage);
        _totals.GetOrAdd(usage.Model, static _ => new ModelUsageTotals()).Add(usage);
        Interlocked.Increment(ref _recorded);
        if (Volatile.Read(ref _waiterCount) > 0)
        {
            ReleaseWaiters();
        }
    }

    public ReportedUsage[] Snapshot() => _entries.Snapshot();

    public KeyValuePair<string, ModelUsageTotals>[] Totals() => [.. _totals.OrderBy(static t => t.Key, StringComparer.Ordinal)];

    public void Clear()
    {
        _entries.Clear();
        _totals.Clear();
        Interlocked.Exchange(ref _recorded, 0);
    }

    /// <summary>
    /// Completes once <paramref name="count"/> usage records exist since the last <see cref="Clear"/>. Lets tests
    /// observe server-side effects of a client disconnect without sleeping.
    /// </summary>
    public Task WaitForCountAsync(int count, CancellationToken cancellationToken)
    {
        var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waitersLock)
        {
            // Announce the waiter before reading the count; Add does the opposite (count, then waiters),
            // so with these full fences at least one side always sees the other.
            Interlocked.Increment(ref _waiterCount);
            if (Volatile.Read(ref _recorded) >= count)
            {
                Interlocked.Decrement(ref _waiterCount);
                return Task.CompletedTask;
            }

            _waiters.Add((count, signal));
        }

        return signal.Task.WaitAsync(cancellationToken);
    }

    private void ReleaseWaiters()
    {
        lock (_waitersLock)
        {
            var recorded = Volatile.Read(ref _recorded);
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Count <= recorded)
                {
                    _waiters[i].Signal.TrySetResult();
                    _waiters.RemoveAt(i);
                    Interlocked.Decrement(ref _waiterCount);
                }
            }
        }
    }
}

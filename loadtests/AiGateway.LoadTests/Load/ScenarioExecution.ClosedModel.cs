namespace AiGateway.LoadTests;

/// <summary>The closed model: copies that each loop request → response while their id is below the target count.</summary>
internal sealed partial class ScenarioExecution
{
    /// <summary>Moves the closed-model copy count toward <paramref name="desired"/>; false while copy starts are being paced.</summary>
    private bool SetCopies(int desired, long now)
    {
        var current = Volatile.Read(ref _targetCopies);
        if (desired <= current)
        {
            Volatile.Write(ref _targetCopies, desired);
            return true;
        }

        var allowed = current + _copyStarts.Take(desired - current, now);
        Volatile.Write(ref _targetCopies, allowed);
        for (var id = current; id < allowed; id++)
        {
            // A copy that is just stopping may take its slot back itself; exactly one of us wins the slot.
            if (Interlocked.CompareExchange(ref _copyActive[id], 1, 0) == 0)
            {
                var copyId = id;
                _ = Task.Run(() => RunCopyAsync(copyId));
            }
        }

        return allowed == desired;
    }

    private async Task RunCopyAsync(int id)
    {
        while (true)
        {
            if (_stopping || id >= Volatile.Read(ref _targetCopies))
            {
                Volatile.Write(ref _copyActive[id], 0);

                // The scheduler may have raised the count between the check and the release: take the slot back.
                if (!_stopping && id < Volatile.Read(ref _targetCopies) && Interlocked.CompareExchange(ref _copyActive[id], 1, 0) == 0)
                {
                    continue;
                }

                return;
            }

            _inFlight.Enter();
            if (_stopping)
            {
                _inFlight.Exit();
                continue;
            }

            _metrics.RecordSent();
            await ExecuteAsync(_clock.GetTimestamp(), id).ConfigureAwait(false);
        }
    }
}

using System.Net.Sockets;

namespace AiGateway.LoadTests;

/// <summary>
/// One pass of a scenario over its phases (the warm-up or the measured run). A dedicated scheduler thread
/// issues open-model arrivals at their intended times and sets the closed-model copy count; each request runs
/// as its own task, so a slow response never delays the schedule.
/// </summary>
internal sealed partial class ScenarioExecution
{
    // Closed model: how often the scheduler revisits the copy count while ramping or pacing copy starts.
    private static readonly TimeSpan ClosedTick = TimeSpan.FromMilliseconds(10);

    // After the grace period the in-flight requests are cancelled; this is how long they get to notice.
    private static readonly TimeSpan CancellationWait = TimeSpan.FromSeconds(5);

    private readonly Scenario _scenario;
    private readonly IReadOnlyList<LoadSimulation> _phases;
    private readonly LoadRunOptions _options;
    private readonly ScenarioMetrics _metrics;
    private readonly TimeProvider _clock;
    private readonly InFlightTracker _inFlight = new();
    private readonly int[] _copyActive;
    private readonly CopyStartBudget _copyStarts;
    private CancellationToken _abortToken;
    private int _targetCopies;
    private volatile bool _stopping;
    private long _requestNumber = -1;

    public ScenarioExecution(Scenario scenario, IReadOnlyList<LoadSimulation> phases, LoadRunOptions options, ScenarioMetrics metrics)
    {
        _scenario = scenario;
        _phases = phases;
        _options = options;
        _metrics = metrics;
        _clock = options.Clock;
        var maxCopies = phases.Where(p => !p.IsOpenModel).Select(p => (int)Math.Ceiling(Math.Max(p.From, p.To))).DefaultIfEmpty(0).Max();
        _copyActive = new int[maxCopies];
        _copyStarts = new CopyStartBudget(options.MaxCopyStartsPerSecond, _clock);
    }

    /// <summary>Requests in flight right now.</summary>
    public int InFlight => _inFlight.InFlight;

    public async Task<ExecutionWindow> RunAsync(CancellationToken cancellationToken)
    {
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _abortToken = abort.Token;
        var start = _clock.GetTimestamp();
        _copyStarts.Reset(start);
        try
        {
            await RunSchedulerThread(start, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // Order matters: copies must see _stopping before the driver's reference goes, so none starts a request late.
            _stopping = true;
            Volatile.Write(ref _targetCopies, 0);
            _inFlight.ReleaseDriver();
        }

        var loadEnd = _clock.GetTimestamp();
        var grace = cancellationToken.IsCancellationRequested ? TimeSpan.Zero : _options.GracePeriod;
        var drained = await WaitDrainedAsync(grace).ConfigureAwait(false);
        if (!drained)
        {
            await abort.CancelAsync().ConfigureAwait(false);
            drained = await WaitDrainedAsync(CancellationWait).ConfigureAwait(false);
        }

        cancellationToken.ThrowIfCancellationRequested();
        return new ExecutionWindow(start, loadEnd, _clock.GetTimestamp(), drained ? 0 : _inFlight.InFlight, _inFlight.Peak);
    }

    private Task RunSchedulerThread(long start, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                Drive(start, cancellationToken);
                done.TrySetResult();
            }
            catch (Exception ex)
            {
                done.TrySetException(ex);
            }
        })
        {
            IsBackground = true,
            Name = "aigw-load scheduler",
        };
        thread.Start();
        return done.Task;
    }

    private void Drive(long start, CancellationToken cancellationToken)
    {
        var frequency = (double)_clock.TimestampFrequency;
        var phaseStart = start;
        long issued = 0;
        for (var p = 0; p < _phases.Count && !cancellationToken.IsCancellationRequested;)
        {
            var phase = _phases[p];
            var phaseEnd = phaseStart + (long)(phase.During.TotalSeconds * frequency);
            var schedule = phase.IsOpenModel ? new ArrivalSchedule(phase.From, phase.To, phase.During.TotalSeconds) : default;
            var now = _clock.GetTimestamp();
            var elapsed = (now - phaseStart) / frequency;
            long wake = phaseEnd;
            if (phase.IsOpenModel)
            {
                SetCopies(0, now);
                issued = Issue(schedule, phaseStart, issued, schedule.DueBy(elapsed));
                if (issued < schedule.Total)
                {
                    wake = phaseStart + (long)(schedule.IntendedOffset(issued) * frequency);
                }
            }
            else
            {
                var desired = phase.CopiesAt(TimeSpan.FromSeconds(elapsed));
                var reached = SetCopies(desired, now);
                if (!reached || phase.Kind == LoadSimulationKind.RampingConstant)
                {
                    wake = Math.Min(wake, now + (long)(ClosedTick.TotalSeconds * frequency));
                }
            }

            if (now >= phaseEnd)
            {
                // Everything intended inside this phase has been issued above; move on without a gap.
                p++;
                phaseStart = phaseEnd;
                issued = 0;
                continue;
            }

            SchedulerSleep.Until(_clock, Math.Min(wake, phaseEnd), _options.SchedulerResolution, cancellationToken);
        }
    }

    /// <summary>Issues arrivals [<paramref name="issued"/>, <paramref name="due"/>); an arrival over the in-flight cap is dropped, not delayed.</summary>
    private long Issue(ArrivalSchedule schedule, long phaseStart, long issued, long due)
    {
        var frequency = (double)_clock.TimestampFrequency;
        for (; issued < due; issued++)
        {
            if (!_inFlight.TryEnter(_options.MaxInFlight))
            {
                _metrics.RecordDropped();
                continue;
            }

            _metrics.RecordSent();
            var intended = phaseStart + (long)(schedule.IntendedOffset(issued) * frequency);
            ThreadPool.UnsafeQueueUserWorkItem(
                static state => _ = state.Execution.ExecuteAsync(state.Intended, copyId: -1),
                (Execution: this, Intended: intended),
                preferLocal: false);
        }

        return issued;
    }

    /// <summary>Runs one admitted request and records it; never throws.</summary>
    private async Task ExecuteAsync(long intended, int copyId)
    {
        var number = Interlocked.Increment(ref _requestNumber);
        var sent = copyId < 0 ? _clock.GetTimestamp() : intended;
        var result = await CallStepAsync(number, copyId).ConfigureAwait(false);
        var ended = _clock.GetTimestamp();
        try
        {
            _metrics.Record(result, intended, sent, ended, open: copyId < 0);
        }
        finally
        {
            _inFlight.Exit();
        }
    }

    private async ValueTask<StepResult> CallStepAsync(long number, int copyId)
    {
        var abortToken = _abortToken;
        CancellationTokenSource? timeout = null;
        try
        {
            var token = abortToken;
            if (_options.RequestTimeout is { } limit)
            {
                timeout = CancellationTokenSource.CreateLinkedTokenSource(abortToken);
                timeout.CancelAfter(limit);
                token = timeout.Token;
            }

            var result = await _scenario.Step(new ScenarioContext(number, copyId, _clock, token)).ConfigureAwait(false);

            // A request cut off by the end of the grace period may surface as an I/O error rather than a cancellation.
            return result.Outcome is StepOutcome.Transport or StepOutcome.IncompleteStream && abortToken.IsCancellationRequested
                ? result with { Outcome = StepOutcome.Timeout }
                : result;
        }
        catch (OperationCanceledException)
        {
            return StepResult.Failed(StepOutcome.Timeout);
        }
        catch (Exception) when (abortToken.IsCancellationRequested || timeout?.IsCancellationRequested == true)
        {
            return StepResult.Failed(StepOutcome.Timeout);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or SocketException)
        {
            return StepResult.Failed(StepOutcome.Transport);
        }
        catch (Exception)
        {
            return StepResult.Failed(StepOutcome.Exception);
        }
        finally
        {
            timeout?.Dispose();
        }
    }

    private async Task<bool> WaitDrainedAsync(TimeSpan limit)
    {
        try
        {
            await _inFlight.Drained.WaitAsync(limit, _clock).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }
}

namespace AiGateway.LoadTests;

/// <summary>Calls <see cref="LoadRunOptions.OnInterval"/> on a timer while a measured run is going.</summary>
internal static class IntervalReporter
{
    public static async Task RunAsync(string scenario, ScenarioMetrics metrics, Func<int> inFlight, LoadRunOptions options, CancellationToken cancellationToken)
    {
        var callback = options.OnInterval!;
        var clock = options.Clock;
        var start = clock.GetTimestamp();
        var previousCompleted = 0L;
        var previousTimestamp = start;
        using var timer = new PeriodicTimer(options.ReportInterval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                var now = clock.GetTimestamp();
                var completed = metrics.Completed;
                var seconds = clock.GetElapsedTime(previousTimestamp, now).TotalSeconds;
                var rps = seconds > 0 ? (completed - previousCompleted) / seconds : 0;
                var latency = metrics.Latency.Collect();
                callback(new IntervalReport(scenario, clock.GetElapsedTime(start, now), rps, latency.P99Ms, completed, metrics.Errors, metrics.Dropped, inFlight()));
                previousCompleted = completed;
                previousTimestamp = now;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The run is over.
        }
    }
}


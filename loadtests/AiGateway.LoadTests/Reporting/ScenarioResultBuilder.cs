using System.Globalization;

namespace AiGateway.LoadTests;

/// <summary>Turns the metrics of a drained run into its <see cref="ScenarioResult"/>.</summary>
internal static class ScenarioResultBuilder
{
    public static ScenarioResult Build(
        string scenario,
        IReadOnlyList<LoadSimulation> simulations,
        LoadRunOptions options,
        ScenarioMetrics metrics,
        ExecutionWindow window,
        DateTimeOffset startedAt)
    {
        var counters = metrics.SnapshotCounters();
        var duration = options.Clock.GetElapsedTime(window.Start, window.End).TotalSeconds;

        // Requests the run gave up on never recorded a result; they are timeouts.
        var timeouts = counters.Timeouts + window.Abandoned;
        var errors = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (status, count) in counters.HttpErrors)
        {
            errors[status.ToString(CultureInfo.InvariantCulture)] = count;
        }

        AddIfAny(errors, ErrorClasses.Transport, counters.Transport);
        AddIfAny(errors, ErrorClasses.Timeout, timeouts);
        AddIfAny(errors, ErrorClasses.IncompleteStream, counters.IncompleteStreams);
        AddIfAny(errors, ErrorClasses.Exception, counters.Exceptions);

        var streams = counters.Streams == 0
            ? null
            : new StreamSummary(counters.Streams, counters.StreamsCompleted, metrics.TimeToFirstToken.Collect(), metrics.StreamTime.Collect());

        return new ScenarioResult
        {
            Scenario = scenario,
            Load = string.Join(", ", simulations),
            StartedAt = startedAt,
            WarmUpSeconds = options.WarmUp.TotalSeconds,
            LoadSeconds = simulations.Sum(s => s.During.TotalSeconds),
            DurationSeconds = Math.Round(duration, 3),
            Requests = counters.Sent,
            Ok = counters.Ok,
            Errors = counters.Completed - counters.Ok + window.Abandoned,
            Dropped = counters.Dropped,
            Rps = duration > 0 ? Math.Round(counters.Completed / duration, 1) : 0,
            PeakInFlight = window.PeakInFlight,
            Latency = metrics.Latency.Collect(),
            ServiceTime = metrics.ServiceTime.Collect(),
            ScheduleLag = simulations.Any(s => s.IsOpenModel) ? metrics.ScheduleLag.Collect() : null,
            Streams = streams,
            CompletionTokens = counters.CompletionTokens,
            ResponsesWithUsage = counters.ResponsesWithUsage,
            ErrorsByClass = errors,
            StatusCodes = counters.StatusCodes.ToDictionary(s => s.Key.ToString(CultureInfo.InvariantCulture), s => s.Value),
            Counters = counters.Counters,
        };
    }

    private static void AddIfAny(SortedDictionary<string, long> errors, string key, long count)
    {
        if (count > 0)
        {
            errors[key] = count;
        }
    }
}

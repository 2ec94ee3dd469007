using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace AiGateway.LoadTests;

/// <summary>
/// Everything recorded during one run: histograms (lock-free recorders) and counters (interlocked).
/// Latency counts from the intended send time; service time from the actual send.
/// </summary>
internal sealed class ScenarioMetrics(TimeProvider clock)
{
    // Status codes are indexed directly; anything outside 0–999 (which HTTP does not produce) lands in 0.
    private const int StatusSlots = 1000;

    private readonly double _microsPerTick = 1_000_000.0 / clock.TimestampFrequency;
    private readonly long[] _statusCodes = new long[StatusSlots];
    private readonly long[] _httpErrors = new long[StatusSlots];
    private readonly ConcurrentDictionary<string, StrongBox<long>> _counters = new(StringComparer.Ordinal);
    private long _sent;
    private long _dropped;
    private long _completed;
    private long _ok;
    private long _errors;
    private long _transport;
    private long _timeouts;
    private long _incompleteStreams;
    private long _exceptions;
    private long _streams;
    private long _streamsCompleted;
    private long _completionTokens;
    private long _responsesWithUsage;

    public RecordedHistogram Latency { get; } = new();

    public RecordedHistogram ServiceTime { get; } = new();

    public RecordedHistogram ScheduleLag { get; } = new();

    public RecordedHistogram TimeToFirstToken { get; } = new();

    public RecordedHistogram StreamTime { get; } = new();

    public long Sent => Volatile.Read(ref _sent);

    public long Completed => Volatile.Read(ref _completed);

    public long Dropped => Volatile.Read(ref _dropped);

    public long Ok => Volatile.Read(ref _ok);

    /// <summary>Failed requests so far (its own counter: a difference of two live counters could read negative).</summary>
    public long Errors => Volatile.Read(ref _errors);

    public void RecordSent() => Interlocked.Increment(ref _sent);

    public void RecordDropped() => Interlocked.Increment(ref _dropped);

    /// <summary>Records one finished request. <paramref name="open"/> requests also record their schedule lag.</summary>
    public void Record(in StepResult result, long intended, long sent, long ended, bool open)
    {
        var status = result.StatusCode is >= 0 and < StatusSlots ? result.StatusCode : 0;
        if (result.StatusCode != 0)
        {
            Interlocked.Increment(ref _statusCodes[status]);
        }

        if (open)
        {
            ScheduleLag.Record(ToMicros(sent - intended));
        }

        if (result.Outcome != StepOutcome.Ok)
        {
            Interlocked.Increment(ref _errors);
        }

        switch (result.Outcome)
        {
            case StepOutcome.Ok:
                Interlocked.Increment(ref _ok);
                Latency.Record(ToMicros(ended - intended));
                ServiceTime.Record(ToMicros(ended - sent));
                break;
            case StepOutcome.HttpError:
                Interlocked.Increment(ref _httpErrors[status]);
                break;
            case StepOutcome.Transport:
                Interlocked.Increment(ref _transport);
                break;
            case StepOutcome.Timeout:
                Interlocked.Increment(ref _timeouts);
                break;
            case StepOutcome.IncompleteStream:
                Interlocked.Increment(ref _incompleteStreams);
                break;
            default:
                Interlocked.Increment(ref _exceptions);
                break;
        }

        if (result.IsStream)
        {
            RecordStream(result, intended, ended);
        }

        if (result.CompletionTokens >= 0)
        {
            Interlocked.Increment(ref _responsesWithUsage);
            Interlocked.Add(ref _completionTokens, result.CompletionTokens);
        }

        if (result.CounterName is { } name)
        {
            Interlocked.Add(ref _counters.GetOrAdd(name, static _ => new StrongBox<long>()).Value, result.CounterValue);
        }

        // Last, so a reader that sees the completion also sees everything recorded for it.
        Interlocked.Increment(ref _completed);
    }

    /// <summary>A consistent-enough copy of the counters for the final result (taken after the run has drained).</summary>
    public MetricsCounters SnapshotCounters() => new(
        Sent: Sent,
        Dropped: Dropped,
        Completed: Completed,
        Ok: Ok,
        Transport: Volatile.Read(ref _transport),
        Timeouts: Volatile.Read(ref _timeouts),
        IncompleteStreams: Volatile.Read(ref _incompleteStreams),
        Exceptions: Volatile.Read(ref _exceptions),
        Streams: Volatile.Read(ref _streams),
        StreamsCompleted: Volatile.Read(ref _streamsCompleted),
        CompletionTokens: Volatile.Read(ref _completionTokens),
        ResponsesWithUsage: Volatile.Read(ref _responsesWithUsage),
        StatusCodes: NonZero(_statusCodes),
        HttpErrors: NonZero(_httpErrors),
        Counters: _counters.OrderBy(c => c.Key, StringComparer.Ordinal).ToDictionary(c => c.Key, c => Volatile.Read(ref c.Value.Value)));

    private void RecordStream(in StepResult result, long intended, long ended)
    {
        Interlocked.Increment(ref _streams);
        if (result.StreamCompleted)
        {
            Interlocked.Increment(ref _streamsCompleted);
        }

        // Both from the intended time, so TTFT <= total holds request by request (and so for every percentile).
        if (result.HasFirstToken)
        {
            TimeToFirstToken.Record(ToMicros(result.FirstTokenTimestamp - intended));
        }

        StreamTime.Record(ToMicros(ended - intended));
    }

    private long ToMicros(long ticks) => (long)(ticks * _microsPerTick);

    private static SortedDictionary<int, long> NonZero(long[] counts)
    {
        var result = new SortedDictionary<int, long>();
        for (var i = 0; i < counts.Length; i++)
        {
            var count = Volatile.Read(ref counts[i]);
            if (count != 0)
            {
                result[i] = count;
            }
        }

        return result;
    }
}

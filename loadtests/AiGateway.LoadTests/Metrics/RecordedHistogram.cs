using HdrHistogram;

namespace AiGateway.LoadTests;

/// <summary>
/// One latency distribution in microseconds. Writers record into an HdrHistogram <see cref="Recorder"/>
/// (wait-free, no lock on the request path); <see cref="Collect"/> moves what was recorded since the last
/// call into a cumulative histogram, for interval reports and the final result.
/// </summary>
internal sealed class RecordedHistogram
{
    /// <summary>Largest value kept exactly: 60 s. Longer values are recorded as 60 s.</summary>
    public const long HighestTrackableMicros = 60_000_000;

    private const int SignificantDigits = 3;

    private readonly Recorder _recorder = new(1, HighestTrackableMicros, SignificantDigits,
        static (id, lowest, highest, digits) => new LongConcurrentHistogram(id, lowest, highest, digits));

    private readonly LongHistogram _cumulative = new(HighestTrackableMicros, SignificantDigits);
    private readonly Lock _collectLock = new();
    private HistogramBase? _recycled;

    /// <summary>Records one value; negative values (clock skew between threads) count as 0.</summary>
    public void Record(long micros) => _recorder.RecordValue(Math.Clamp(micros, 0, HighestTrackableMicros));

    /// <summary>Moves values recorded since the last call into the cumulative histogram and returns a summary of it.</summary>
    public LatencySummary Collect()
    {
        lock (_collectLock)
        {
            _recycled = _recorder.GetIntervalHistogram(_recycled);
            _cumulative.Add(_recycled);
            return LatencySummary.From(_cumulative);
        }
    }
}

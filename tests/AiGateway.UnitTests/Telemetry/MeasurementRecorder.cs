using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace AiGateway.UnitTests.Telemetry;

/// <summary>Records every measurement of the instruments one <see cref="IMeterFactory"/> created.</summary>
internal sealed class MeasurementRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<RecordedMeasurement> _measurements = new();

    public MeasurementRecorder(IMeterFactory scope)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, scope))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.Start();
    }

    public IReadOnlyCollection<RecordedMeasurement> Measurements => _measurements;

    /// <summary>Polls observable instruments, as a scrape does.</summary>
    public void Observe() => _listener.RecordObservableInstruments();

    public IEnumerable<RecordedMeasurement> Of(string instrument) => _measurements.Where(m => m.Instrument.Name == instrument);

    public void Dispose() => _listener.Dispose();

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            copy[tag.Key] = tag.Value?.ToString();
        }
        _measurements.Enqueue(new RecordedMeasurement(instrument, value, copy));
    }
}

internal sealed record RecordedMeasurement(Instrument Instrument, double Value, IReadOnlyDictionary<string, string?> Tags);

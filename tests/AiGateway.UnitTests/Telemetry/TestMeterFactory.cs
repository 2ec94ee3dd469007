using System.Diagnostics.Metrics;

namespace AiGateway.UnitTests.Telemetry;

/// <summary>
/// An <see cref="IMeterFactory"/> of its own (meters scoped to it, as the host's factory does), so a test reads only
/// the measurements of the components it built, however many other tests record at the same time.
/// </summary>
internal sealed class TestMeterFactory : IMeterFactory
{
    private readonly List<Meter> _meters = [];

    public Meter Create(MeterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var meter = new Meter(options.Name, options.Version, options.Tags, scope: this);
        lock (_meters)
        {
            _meters.Add(meter);
        }
        return meter;
    }

    public void Dispose()
    {
        lock (_meters)
        {
            foreach (var meter in _meters)
            {
                meter.Dispose();
            }
            _meters.Clear();
        }
    }
}

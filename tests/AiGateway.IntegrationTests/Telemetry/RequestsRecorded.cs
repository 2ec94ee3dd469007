using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace AiGateway.IntegrationTests.Telemetry;

/// <summary>
/// Watches one gateway's request counter. The gateway counts a request last, after its span and audit record, so
/// once N requests are counted their telemetry is complete: tests wait on this instead of sleeping.
/// </summary>
internal sealed class RequestsRecorded : IDisposable
{
    public static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    private readonly MeterListener _listener = new();
    private readonly Lock _lock = new();
    private readonly List<(int Count, TaskCompletionSource Signal)> _waiters = [];
    private int _count;

    public RequestsRecorded(IServiceProvider gatewayServices)
    {
        var factory = gatewayServices.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, factory) && instrument.Meter.Name == AiGateway.Telemetry.GatewayMeter.Name
                && instrument.Name == "requests_total")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Add((int)value));
        _listener.Start();
    }

    /// <summary>Completes once <paramref name="count"/> requests have been counted since this watcher started.</summary>
    public Task WaitForAsync(int count)
    {
        lock (_lock)
        {
            if (_count >= count)
            {
                return Task.CompletedTask;
            }
            var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, signal));
            return signal.Task.WaitAsync(Guard);
        }
    }

    public void Dispose() => _listener.Dispose();

    private void Add(int value)
    {
        lock (_lock)
        {
            _count += value;
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Count <= _count)
                {
                    _waiters[i].Signal.TrySetResult();
                    _waiters.RemoveAt(i);
                }
            }
        }
    }
}

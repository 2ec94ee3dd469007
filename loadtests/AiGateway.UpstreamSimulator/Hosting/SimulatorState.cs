namespace AiGateway.UpstreamSimulator;

/// <summary>Everything the endpoints share: live options, keys and the two logs. One instance per simulator host.</summary>
internal sealed class SimulatorState(SimulatorOptions options, TimeProvider timeProvider)
{
    public SimulatorOptions Options { get; } = options;

    public TimeProvider TimeProvider { get; } = timeProvider;

    public SimulatorKeyRegistry Keys { get; } = new(options.Keys, timeProvider);

    public BoundedLog<ReceivedRequest> Requests { get; } = new(options.MaxRecordedEntries);

    public UsageLedger Usage { get; } = new(options.MaxRecordedEntries);

    public void Reset()
    {
        Requests.Clear();
        Usage.Clear();
    }
}

namespace AiGateway.UpstreamSimulator;

/// <summary>Mutable state of one key. Read on every request, so revocation and counting are lock-free.</summary>
internal sealed class SimulatorKeyEntry(string id, string? name, string value, DateTimeOffset createdAt)
{
    private volatile bool _revoked;
    private long _requests;

    public string Id { get; } = id;

    public string? Name { get; } = name;

    public string Value { get; } = value;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    public bool Revoked
    {
        get => _revoked;
        set => _revoked = value;
    }

    public long Requests => Interlocked.Read(ref _requests);

    public void CountRequest() => Interlocked.Increment(ref _requests);

    public SimulatorKeyInfo ToInfo() => new(Id, Name, KeyRedaction.Redact(Value), CreatedAt, Revoked, Requests);
}

namespace AiGateway.VaultDouble;

/// <summary>A thread-safe log of the newest received requests, for wire-format assertions.</summary>
internal sealed class RequestLog(int capacity)
{
    private readonly Lock _lock = new();
    private readonly Queue<VaultRequestRecord> _entries = new();

    public void Add(VaultRequestRecord record)
    {
        lock (_lock)
        {
            if (_entries.Count >= capacity)
            {
                _entries.Dequeue();
            }

            _entries.Enqueue(record);
        }
    }

    public VaultRequestRecord[] Snapshot()
    {
        lock (_lock)
        {
            return [.. _entries];
        }
    }
}

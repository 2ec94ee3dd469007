namespace AiGateway.UpstreamSimulator;

/// <summary>
/// A thread-safe append log that keeps the newest <c>capacity</c> entries. A plain lock is enough: the
/// critical section is an enqueue, far cheaper than the HTTP work around it even at thousands of requests/s.
/// </summary>
internal sealed class BoundedLog<T>(int capacity)
{
    private readonly Queue<T> _entries = new();
    private readonly Lock _lock = new();

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    public void Add(T entry)
    {
        lock (_lock)
        {
            if (_entries.Count >= capacity)
            {
                _entries.Dequeue();
            }

            _entries.Enqueue(entry);
        }
    }

    public T[] Snapshot()
    {
        lock (_lock)
        {
            return _entries.ToArray();
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _entries.Clear();
        }
    }
}

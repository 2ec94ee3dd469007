using System.Text.Json;
using AiGateway.Storage;

namespace AiGateway.Spend;

/// <summary>
/// Ledger records Redis could not take, in a local append-only file (<c>ledger-spool.jsonl</c>) until they
/// are replayed. Replay is idempotent (Redis remembers settled request ids), so a crash between replaying
/// and trimming the spool counts nothing twice.
/// </summary>
internal sealed class LedgerSpool : IDisposable
{
    private readonly string _path;
    private readonly Lock _lock = new();
    private LedgerFile _file;
    private int _count;

    public LedgerSpool(DataDirectory data)
    {
        ArgumentNullException.ThrowIfNull(data);
        _path = data.GetFilePath("ledger-spool.jsonl");
        _count = LedgerFile.ReadAll(_path, out _).Count;
        _file = new LedgerFile(_path);
    }

    /// <summary>Records waiting to be replayed.</summary>
    public int Count => Volatile.Read(ref _count);

    public void Append(LedgerRecord record)
    {
        lock (_lock)
        {
            _file.Append(record);
            _count++;
        }
    }

    /// <summary>The records waiting, oldest first.</summary>
    public List<LedgerRecord> Snapshot()
    {
        lock (_lock)
        {
            return LedgerFile.ReadAll(_path, out _);
        }
    }

    /// <summary>Drops the first <paramref name="replayed"/> records (those a replay delivered); later appends stay.</summary>
    public void Trim(int replayed)
    {
        lock (_lock)
        {
            var remaining = LedgerFile.ReadAll(_path, out _).Skip(replayed).ToList();
            _file.Dispose();
            using (var buffer = new MemoryStream())
            {
                foreach (var record in remaining)
                {
                    JsonSerializer.Serialize(buffer, record, LedgerJsonContext.Default.LedgerRecord);
                    buffer.WriteByte((byte)'\n');
                }
                AtomicFile.WriteAllBytes(_path, buffer.ToArray(), ownerOnly: true);
            }
            _file = new LedgerFile(_path);
            _count = remaining.Count;
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _file.Dispose();
        }
    }
}

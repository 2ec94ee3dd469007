using System.Text.Json;

namespace AiGateway.Spend;

/// <summary>
/// The embedded store's ledger: one JSON object per line, appended and flushed to the operating system
/// before a request is reported settled, so a crash of the gateway process loses nothing (a power loss may
/// lose what the OS had not yet written). A torn last line from a crash is skipped on load and reported.
/// </summary>
internal sealed class LedgerFile : IDisposable
{
    private static readonly byte[] NewLine = "\n"u8.ToArray();
    private readonly FileStream _stream;
    private readonly Lock _lock = new();

    public LedgerFile(string path)
    {
        FilePath = path;
        var tornTail = EndsWithoutNewLine(path);
        _stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read, bufferSize: 0);
        if (tornTail)
        {
            // A crash mid-write left half a line: end it so the next record starts on its own line.
            _stream.Write(NewLine);
        }
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    public string FilePath { get; }

    public void Append(LedgerRecord record)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(record, LedgerJsonContext.Default.LedgerRecord);
        lock (_lock)
        {
            _stream.Write(bytes);
            _stream.Write(NewLine);
            _stream.Flush();
        }
    }

    /// <summary>Every whole record in the file; <paramref name="skipped"/> counts lines that could not be read.</summary>
    public static List<LedgerRecord> ReadAll(string path, out int skipped)
    {
        skipped = 0;
        var records = new List<LedgerRecord>();
        if (!File.Exists(path))
        {
            return records;
        }
        using var reader = new StreamReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }
            try
            {
                if (JsonSerializer.Deserialize(line, LedgerJsonContext.Default.LedgerRecord) is { } record)
                {
                    records.Add(record);
                }
            }
            catch (JsonException)
            {
                skipped++;
            }
        }
        return records;
    }

    private static bool EndsWithoutNewLine(string path)
    {
        if (!File.Exists(path) || new FileInfo(path).Length == 0)
        {
            return false;
        }
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        stream.Seek(-1, SeekOrigin.End);
        return stream.ReadByte() != '\n';
    }

    public void Dispose() => _stream.Dispose();
}

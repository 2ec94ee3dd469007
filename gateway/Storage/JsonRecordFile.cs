using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace AiGateway.Storage;

/// <summary>
/// A small list of records persisted as one JSON file: the embedded store's durability for data that
/// changes rarely (tokens, admin credentials). Writes are serialised and atomic.
/// </summary>
public sealed class JsonRecordFile<T>
{
    private readonly string _path;
    private readonly JsonTypeInfo<List<T>> _typeInfo;

    public JsonRecordFile(string path, JsonTypeInfo<List<T>> typeInfo)
    {
        _path = path;
        _typeInfo = typeInfo;
    }

    public string FilePath => _path;

    public List<T> Load()
    {
        if (!File.Exists(_path))
        {
            return [];
        }
        try
        {
            using var stream = File.OpenRead(_path);
            return JsonSerializer.Deserialize(stream, _typeInfo) ?? [];
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"The data file '{_path}' is not valid JSON ({ex.Message}). Restore it from a backup or move it away to start empty.", ex);
        }
    }

    /// <summary>Synchronous save, for small files written under a lock.</summary>
    public void Save(List<T> items) => AtomicFile.WriteAllBytes(_path, JsonSerializer.SerializeToUtf8Bytes(items, _typeInfo), ownerOnly: true);

    public Task SaveAsync(List<T> items, CancellationToken cancellationToken)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(items, _typeInfo);
        return AtomicFile.WriteAllBytesAsync(_path, bytes, ownerOnly: true, cancellationToken);
    }
}

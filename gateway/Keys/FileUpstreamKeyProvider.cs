using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace AiGateway.Keys;

/// <summary>
/// Embedded-default key source: a local JSON file (per team) plus one environment variable (everyone
/// else). Good for a laptop or a single instance; production keys belong in Vault.
/// </summary>
internal sealed partial class FileUpstreamKeyProvider : IUpstreamKeyProvider, IDisposable
{
    private readonly string _filePath;
    private readonly UpstreamKey? _defaultKey;
    private readonly TimeProvider _time;
    private readonly ILogger<FileUpstreamKeyProvider> _logger;
    private readonly FileSystemWatcher? _watcher;
    private volatile Dictionary<string, UpstreamKey> _keys;

    public FileUpstreamKeyProvider(string filePath, string? defaultKeyValue, TimeProvider time, ILogger<FileUpstreamKeyProvider> logger)
    {
        _filePath = filePath;
        _time = time;
        _logger = logger;
        _defaultKey = string.IsNullOrWhiteSpace(defaultKeyValue) ? null : new UpstreamKey("(default)", defaultKeyValue, null, null, time.GetUtcNow());
        _keys = ReadFile();
        Log.KeysLoaded(_logger, _keys.Count, _filePath, _defaultKey is not null);

        var directory = Path.GetDirectoryName(filePath);
        if (directory is not null && Directory.Exists(directory))
        {
            _watcher = new FileSystemWatcher(directory, Path.GetFileName(filePath))
            {
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size,
            };
            _watcher.Changed += (_, _) => Reload();
            _watcher.Created += (_, _) => Reload();
            _watcher.Renamed += (_, _) => Reload();
            _watcher.Deleted += (_, _) => Reload();
            _watcher.EnableRaisingEvents = true;
        }
    }

    public string Name => "file";

    public UpstreamKey? GetKey(string keyRef) => _keys.GetValueOrDefault(keyRef) ?? _defaultKey;

    public Task<UpstreamKey?> RefreshAsync(string keyRef, CancellationToken cancellationToken)
    {
        Reload();
        return Task.FromResult(GetKey(keyRef));
    }

    public KeySourceHealth Health => new(true, null, null);

    /// <summary>Re-reads the file; a bad file is logged and the keys in memory stay in force.</summary>
    public void Reload()
    {
        try
        {
            _keys = ReadFile();
            Log.KeysLoaded(_logger, _keys.Count, _filePath, _defaultKey is not null);
        }
        catch (InvalidDataException ex)
        {
            Log.KeyFileRejected(_logger, _filePath, ex.Message);
        }
        catch (IOException ex)
        {
            // Mid-write by an editor; the next change event reloads it.
            Log.KeyFileRejected(_logger, _filePath, ex.Message);
        }
    }

    private Dictionary<string, UpstreamKey> ReadFile()
    {
        var keys = new Dictionary<string, UpstreamKey>(StringComparer.Ordinal);
        if (!File.Exists(_filePath))
        {
            return keys;
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(_filePath));
        }
        catch (JsonException ex)
        {
            // The message names the line, never the content.
            throw new InvalidDataException($"The key file '{_filePath}' is not valid JSON (line {ex.LineNumber + 1}).", ex);
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidDataException($"The key file '{_filePath}' must hold a JSON object of key references.");
            }
            var now = _time.GetUtcNow();
            foreach (var entry in document.RootElement.EnumerateObject())
            {
                var (value, keyId) = entry.Value.ValueKind switch
                {
                    JsonValueKind.String => (entry.Value.GetString(), null),
                    JsonValueKind.Object => (
                        entry.Value.TryGetProperty("api_key", out var k) && k.ValueKind == JsonValueKind.String ? k.GetString() : null,
                        entry.Value.TryGetProperty("key_id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null),
                    _ => ((string?)null, (string?)null),
                };
                if (string.IsNullOrWhiteSpace(value))
                {
                    throw new InvalidDataException($"The key file '{_filePath}': entry '{entry.Name}' needs a string or an object with \"api_key\".");
                }
                keys[entry.Name] = new UpstreamKey(entry.Name, value, keyId, null, now);
            }
        }
        return keys;
    }

    public void Dispose() => _watcher?.Dispose();

    private static partial class Log
    {
        [LoggerMessage(EventId = Telemetry.EventIds.UpstreamKeysLoaded, Level = LogLevel.Information, EventName = "UpstreamKeysLoaded",
            Message = "Loaded {Count} upstream keys from {Path}; default key from the environment: {HasDefault}.")]
        public static partial void KeysLoaded(ILogger logger, int count, string path, bool hasDefault);

        [LoggerMessage(EventId = Telemetry.EventIds.UpstreamKeyFileRejected, Level = LogLevel.Error, EventName = "UpstreamKeyFileRejected",
            Message = "Upstream key file {Path} could not be applied; the keys in memory stay in force. {Reason}")]
        public static partial void KeyFileRejected(ILogger logger, string path, string reason);
    }
}

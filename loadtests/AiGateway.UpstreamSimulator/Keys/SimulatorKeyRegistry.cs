using System.Collections.Concurrent;

namespace AiGateway.UpstreamSimulator;

/// <summary>
/// The upstream API keys the simulator accepts. Keys can be added, created and revoked while it runs, which is
/// what a key-rotation tool exercises. Lookups on the request path are lock-free dictionary reads.
/// </summary>
public sealed class SimulatorKeyRegistry
{
    private const string GeneratedKeyPrefix = "sk-sim-";

    private readonly ConcurrentDictionary<string, SimulatorKeyEntry> _byValue = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SimulatorKeyEntry> _byId = new(StringComparer.Ordinal);
    private readonly List<SimulatorKeyEntry> _ordered = [];
    private readonly Lock _writeLock = new();
    private readonly TimeProvider _timeProvider;

    internal SimulatorKeyRegistry(IEnumerable<string> initialKeys, TimeProvider timeProvider)
    {
        _timeProvider = timeProvider;
        var index = 0;
        foreach (var key in initialKeys)
        {
            AddEntry(key, $"key_initial_{index}", "initial");
            index++;
        }
    }

    /// <summary>Adds <paramref name="key"/> as an active key (re-activating it if it was revoked) and returns its id.</summary>
    public string Add(string key, string? name = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        return AddEntry(key, null, name).Id;
    }

    /// <summary>Revokes the key with <paramref name="id"/>; it is rejected from the next request on. Returns false for an unknown id.</summary>
    public bool Revoke(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (!_byId.TryGetValue(id, out var entry))
        {
            return false;
        }

        entry.Revoked = true;
        return true;
    }

    /// <summary>True when <paramref name="key"/> is known and not revoked.</summary>
    public bool IsActive(string key) => _byValue.TryGetValue(key, out var entry) && !entry.Revoked;

    /// <summary>Number of requests that presented <paramref name="key"/> (accepted or rejected); 0 for an unknown key.</summary>
    public long GetRequestCount(string key) => _byValue.TryGetValue(key, out var entry) ? entry.Requests : 0;

    /// <summary>The id of <paramref name="key"/>, or null when it is unknown.</summary>
    public string? FindId(string key) => _byValue.TryGetValue(key, out var entry) ? entry.Id : null;

    /// <summary>All keys in the order they were added, redacted.</summary>
    public IReadOnlyList<SimulatorKeyInfo> List()
    {
        lock (_writeLock)
        {
            var list = new SimulatorKeyInfo[_ordered.Count];
            for (var i = 0; i < list.Length; i++)
            {
                list[i] = _ordered[i].ToInfo();
            }

            return list;
        }
    }

    /// <summary>Creates a fresh random key (<c>sk-sim-</c> + 32 base62 characters), active at once.</summary>
    internal SimulatorKeyEntry Create(string? name) =>
        AddEntry(GeneratedKeyPrefix + RandomIds.Secure(32), null, name);

    internal SimulatorKeyEntry? FindById(string id) => _byId.TryGetValue(id, out var entry) ? entry : null;

    /// <summary>Counts the request against the key and says whether it may proceed.</summary>
    internal bool Authenticate(string key)
    {
        if (!_byValue.TryGetValue(key, out var entry))
        {
            return false;
        }

        entry.CountRequest();
        return !entry.Revoked;
    }

    private SimulatorKeyEntry AddEntry(string key, string? id, string? name)
    {
        lock (_writeLock)
        {
            if (_byValue.TryGetValue(key, out var existing))
            {
                existing.Revoked = false;
                return existing;
            }

            var entry = new SimulatorKeyEntry(id ?? "key_" + RandomIds.Fast(24), name, key, _timeProvider.GetUtcNow());
            _byId[entry.Id] = entry;
            _ordered.Add(entry);

            // Published last so a concurrent request never sees a key whose id is not yet listed.
            _byValue[key] = entry;
            return entry;
        }
    }
}

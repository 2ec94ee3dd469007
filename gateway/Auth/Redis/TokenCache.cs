using System.Collections.Concurrent;

namespace AiGateway.Auth.Redis;

/// <summary>
/// This replica's short memory of token lookups, so most requests authenticate without a Redis round trip.
/// <list type="bullet">
/// <item>A found record is fresh for the cache lifetime (<c>Redis:TokenCacheMilliseconds</c>, default 1 s). Only while
/// Redis cannot be reached, it may still be served for <see cref="StaleGrace"/> (30 s) more.</item>
/// <item>A "no such token" answer is fresh for the lifetime capped at <see cref="MaxMissingLifetime"/> (100 ms) and is
/// never served stale. New tokens are announced on pub/sub too, so even that is a safety net: a brand-new secret
/// cannot have been looked up before it was issued.</item>
/// <item>Found and not-found entries have separate bounds, so a flood of made-up tokens cannot push real ones out.</item>
/// <item>Every invalidation (pub/sub message, a local write, a reconnect) bumps <see cref="Generation"/>; a lookup
/// that raced with one is answered but not cached, so no entry predates the last invalidation of its token.</item>
/// </list>
/// Reads are lock-free. Stores and invalidations take one lock: they happen on cache misses and token changes.
/// </summary>
internal sealed class TokenCache
{
    public const int DefaultFoundCapacity = 10_000;
    public const int DefaultMissingCapacity = 1_000;
    public static readonly TimeSpan MaxMissingLifetime = TimeSpan.FromMilliseconds(100);
    public static readonly TimeSpan StaleGrace = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<TokenHash, Entry> _found = new();
    private readonly ConcurrentDictionary<TokenHash, long> _missing = new(); // value: fresh-until timestamp
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly long _lifetime;
    private readonly long _missingLifetime;
    private readonly long _staleGrace;
    private readonly int _foundCapacity;
    private readonly int _missingCapacity;
    private long _generation;

    public TokenCache(TimeProvider time, TimeSpan lifetime, int foundCapacity = DefaultFoundCapacity, int missingCapacity = DefaultMissingCapacity)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThan(lifetime, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(foundCapacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(missingCapacity, 1);
        _time = time;
        _lifetime = ToTimestampTicks(lifetime);
        _missingLifetime = ToTimestampTicks(lifetime < MaxMissingLifetime ? lifetime : MaxMissingLifetime);
        _staleGrace = ToTimestampTicks(StaleGrace);
        _foundCapacity = foundCapacity;
        _missingCapacity = missingCapacity;
    }

    /// <summary>Changes whenever anything was invalidated; read it before a lookup and pass it to <see cref="Store"/>.</summary>
    public long Generation => Volatile.Read(ref _generation);

    public int FoundCount => _found.Count;

    public int MissingCount => _missing.Count;

    /// <summary>Hot path: true with the record (or null for "no such token") when a fresh answer is cached.</summary>
    public bool TryGetFresh(TokenHash hash, out TokenRecord? record)
    {
        var now = _time.GetTimestamp();
        if (_found.TryGetValue(hash, out var entry) && now < entry.FreshUntil)
        {
            record = entry.Record;
            return true;
        }
        record = null;
        return _missing.TryGetValue(hash, out var freshUntil) && now < freshUntil;
    }

    /// <summary>A found record still within its stale grace, for when Redis cannot be asked; otherwise null.</summary>
    public TokenRecord? GetStale(TokenHash hash)
    {
        return _found.TryGetValue(hash, out var entry) && _time.GetTimestamp() < entry.StaleUntil ? entry.Record : null;
    }

    /// <summary>Caches a lookup's answer unless something was invalidated since <paramref name="generation"/> was read.</summary>
    public void Store(TokenHash hash, TokenRecord? record, long generation)
    {
        if (_lifetime == 0)
        {
            return;
        }
        lock (_gate)
        {
            if (generation != _generation)
            {
                return;
            }
            var now = _time.GetTimestamp();
            if (record is null)
            {
                if (_missing.Count >= _missingCapacity)
                {
                    Trim(_missing, _missingCapacity, now, static (freshUntil, now) => freshUntil <= now);
                }
                _found.TryRemove(hash, out _);
                _missing[hash] = now + _missingLifetime;
            }
            else
            {
                if (_found.Count >= _foundCapacity)
                {
                    Trim(_found, _foundCapacity, now, static (entry, now) => entry.StaleUntil <= now);
                }
                _missing.TryRemove(hash, out _);
                _found[hash] = new Entry(record, now + _lifetime, now + _lifetime + _staleGrace);
            }
        }
    }

    /// <summary>Drops whatever is cached for <paramref name="hash"/> and fences off lookups already in flight.</summary>
    public void Invalidate(TokenHash hash)
    {
        lock (_gate)
        {
            _generation++;
            _found.TryRemove(hash, out _);
            _missing.TryRemove(hash, out _);
        }
    }

    /// <summary>Drops everything (after a reconnect, when invalidations may have been missed); returns how many records.</summary>
    public int Clear()
    {
        lock (_gate)
        {
            _generation++;
            var dropped = _found.Count;
            _found.Clear();
            _missing.Clear();
            return dropped;
        }
    }

    /// <summary>Removes dead entries, then (if still over 90 % full) arbitrary ones: bounded memory beats perfect LRU here.</summary>
    private static void Trim<TValue>(ConcurrentDictionary<TokenHash, TValue> map, int capacity, long now, Func<TValue, long, bool> isDead)
    {
        foreach (var pair in map)
        {
            if (isDead(pair.Value, now))
            {
                map.TryRemove(pair.Key, out _);
            }
        }
        var excess = map.Count - (capacity - Math.Max(1, capacity / 10));
        foreach (var pair in map)
        {
            if (excess-- <= 0)
            {
                break;
            }
            map.TryRemove(pair.Key, out _);
        }
    }

    private long ToTimestampTicks(TimeSpan span) => (long)(span.TotalSeconds * _time.TimestampFrequency);

    private sealed record Entry(TokenRecord Record, long FreshUntil, long StaleUntil);
}

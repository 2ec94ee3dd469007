using System.Collections.Concurrent;
using AiGateway.Policies;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiGateway.Keys.Vault;

/// <summary>
/// Upstream keys from Vault KV v2 (<c>api_key</c>, <c>key_id</c> at each policy's <c>upstreamKey</c> path),
/// cached in memory and re-read every <see cref="VaultOptions.RefreshSeconds"/>. When Vault cannot be
/// reached the cached keys keep serving for <see cref="VaultOptions.StaleGraceSeconds"/> after their
/// last successful read; readiness reports the gap.
/// </summary>
internal sealed partial class VaultUpstreamKeyProvider : IUpstreamKeyProvider
{
    private readonly IVaultClient _vault;
    private readonly IPolicyProvider _policies;
    private readonly TimeProvider _time;
    private readonly ILogger<VaultUpstreamKeyProvider> _logger;
    private readonly VaultMetrics _metrics;
    private readonly TimeSpan _refresh;
    private readonly TimeSpan _grace;
    private readonly ConcurrentDictionary<string, Task<UpstreamKey?>> _inflight = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CachedKey> _keys = new(StringComparer.Ordinal);
    private volatile KeySourceHealth _health = new(false, null, "not read yet");

    public VaultUpstreamKeyProvider(VaultConnection connection, IPolicyProvider policies, IOptions<VaultOptions> options,
        TimeProvider time, VaultMetrics metrics, ILogger<VaultUpstreamKeyProvider> logger)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(metrics);
        _metrics = metrics;
        _vault = connection.Client;
        _policies = policies;
        _time = time;
        _logger = logger;
        _refresh = TimeSpan.FromSeconds(options.Value.RefreshSeconds);
        _grace = TimeSpan.FromSeconds(options.Value.StaleGraceSeconds);
    }

    public string Name => "vault";

    public KeySourceHealth Health => _health;

    public UpstreamKey? GetKey(string keyRef)
    {
        if (!_keys.TryGetValue(keyRef, out var cached))
        {
            return null;
        }
        // Past the grace a key may have been rotated and revoked long ago; refusing is safer than guessing.
        return _time.GetUtcNow() - cached.VerifiedAt <= _grace ? cached.Key : null;
    }

    public Task<UpstreamKey?> RefreshAsync(string keyRef, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (_inflight.TryGetValue(keyRef, out var running))
            {
                return running.WaitAsync(cancellationToken);
            }
            // Publish the read before starting it, so a fast completion can never leave a finished task behind
            // for later callers (who would then get an old key instead of a fresh read).
            var read = new TaskCompletionSource<UpstreamKey?>(TaskCreationOptions.RunContinuationsAsynchronously);
            if (_inflight.TryAdd(keyRef, read.Task))
            {
                _ = ReadAndCompleteAsync(keyRef, read);
                return read.Task.WaitAsync(cancellationToken);
            }
        }
    }

    /// <summary>
    /// Re-reads every key the policies name each refresh interval, until stopped (the first read happens at
    /// start-up). After a failed pass it retries sooner, backing off from one second up to the interval.
    /// </summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        var retry = TimeSpan.FromSeconds(1);
        var wait = _refresh;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(wait, _time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            await RefreshAllAsync(stoppingToken).ConfigureAwait(false);
            if (_health.Reachable)
            {
                retry = TimeSpan.FromSeconds(1);
                wait = _refresh;
            }
            else
            {
                wait = retry < _refresh ? retry : _refresh;
                retry += retry;
            }
        }
    }

    /// <summary>One pass over every key reference in the current policies; failures keep the cached keys.</summary>
    public async Task RefreshAllAsync(CancellationToken cancellationToken)
    {
        var keyRefs = _policies.Current.Teams.Select(t => t.UpstreamKey).Distinct(StringComparer.Ordinal).ToList();
        string? lastError = null;
        foreach (var keyRef in keyRefs)
        {
            try
            {
                await RefreshAsync(keyRef, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Anything (Vault down, a bad secret_id file, an odd response) must not stop the loop.
                lastError = ex.Message;
                Log.RefreshFailed(_logger, keyRef, ex.Message);
            }
        }
        _health = lastError is null
            ? new KeySourceHealth(true, _time.GetUtcNow(), null)
            : new KeySourceHealth(false, _health.LastSuccess, lastError);
    }

    private async Task ReadAndCompleteAsync(string keyRef, TaskCompletionSource<UpstreamKey?> read)
    {
        UpstreamKey? key = null;
        Exception? failure = null;
        try
        {
            key = await ReadAsync(keyRef).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            failure = ex;
        }
        _metrics.Refreshed(success: failure is null && key is not null);
        // Unpublish before completing: whoever asks after this answer starts a fresh read.
        _inflight.TryRemove(new KeyValuePair<string, Task<UpstreamKey?>>(keyRef, read.Task));
        if (failure is null)
        {
            read.SetResult(key);
        }
        else
        {
            read.SetException(failure);
        }
    }

    private async Task<UpstreamKey?> ReadAsync(string keyRef)
    {
        // Not the caller's token: one caller giving up must not cancel the read others are waiting on.
        var secret = await _vault.ReadSecretAsync(keyRef, version: null, CancellationToken.None).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        if (secret is null || !secret.Data.TryGetValue("api_key", out var value) || string.IsNullOrWhiteSpace(value))
        {
            _keys.TryRemove(keyRef, out _);
            Log.KeyMissing(_logger, keyRef);
            return null;
        }
        secret.Data.TryGetValue("key_id", out var keyId);
        var key = _keys.TryGetValue(keyRef, out var cached) && cached.Key.Version == secret.Version
            ? cached.Key
            : new UpstreamKey(keyRef, value, keyId, secret.Version, now);
        if (!ReferenceEquals(key, cached?.Key))
        {
            Log.KeyLoaded(_logger, keyRef, secret.Version, keyId ?? "?");
        }
        _keys[keyRef] = new CachedKey(key, now);
        return key;
    }

    private sealed record CachedKey(UpstreamKey Key, DateTimeOffset VerifiedAt);

    private static partial class Log
    {
        [LoggerMessage(EventId = Telemetry.EventIds.VaultKeyRefreshed, Level = LogLevel.Information, EventName = "VaultKeyLoaded",
            Message = "Loaded upstream key {KeyRef} version {Version} (key id {KeyId}) from Vault.")]
        public static partial void KeyLoaded(ILogger logger, string keyRef, int version, string keyId);

        [LoggerMessage(EventId = Telemetry.EventIds.VaultKeyRefreshFailed, Level = LogLevel.Warning, EventName = "VaultKeyRefreshFailed",
            Message = "Could not refresh upstream key {KeyRef} from Vault; the cached key serves until its grace ends. {Reason}")]
        public static partial void RefreshFailed(ILogger logger, string keyRef, string reason);

        [LoggerMessage(EventId = Telemetry.EventIds.VaultKeyStale, Level = LogLevel.Error, EventName = "VaultKeyMissing",
            Message = "Vault has no api_key at {KeyRef}; the team using it gets 503 until one is written.")]
        public static partial void KeyMissing(ILogger logger, string keyRef);
    }
}

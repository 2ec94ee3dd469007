using System.Text.Json;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace AiGateway.Auth.Redis;

/// <summary>
/// Keeps this replica's <see cref="TokenCache"/> honest: drops an entry on every message on the token events
/// channel, and drops everything when a Redis connection comes back (messages sent meanwhile are lost).
/// <see cref="IsLive"/> says whether invalidations are known to reach us; the store caches answers only then.
/// </summary>
internal sealed class TokenEventListener : IDisposable
{
    private static readonly TimeSpan ConfirmRetryDelay = TimeSpan.FromSeconds(1);

    private readonly IConnectionMultiplexer _multiplexer;
    private readonly ISubscriber _subscriber;
    private readonly RedisChannel _channel;
    private readonly TokenCache _cache;
    private readonly ILogger _logger;
    private readonly Action<RedisChannel, RedisValue> _handler;
    private readonly TaskCompletionSource _subscribed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationToken _stoppingToken; // taken up front: reading Token after Dispose would throw
    private volatile bool _live;
    private int _failures;
    private int _confirming;
    private int _disposed;

    public TokenEventListener(IConnectionMultiplexer multiplexer, string channel, TokenCache cache, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(multiplexer);
        _multiplexer = multiplexer;
        _subscriber = multiplexer.GetSubscriber();
        _channel = RedisChannel.Literal(channel);
        _cache = cache;
        _logger = logger;
        _handler = OnMessage;
        _stoppingToken = _stopping.Token;
        multiplexer.ConnectionFailed += OnConnectionFailed;
        multiplexer.ConnectionRestored += OnConnectionRestored;
        _ = SubscribeAsync();
    }

    /// <summary>True while the subscription is confirmed and no connection failure has been seen since.</summary>
    public bool IsLive => _live;

    /// <summary>Completes once invalidations first reach this replica (at start, or after Redis first answers).</summary>
    public Task Subscribed => _subscribed.Task;

    /// <summary>Raised with the token id after a message dropped its cache entry (tests wait on it instead of sleeping).</summary>
    public event Action<string>? Invalidated;

    /// <summary>Raised after a reconnect cleared the cache and the subscription was confirmed again.</summary>
    public event Action<ConnectionType>? Resynchronized;

    private async Task SubscribeAsync()
    {
        var failures = Volatile.Read(ref _failures);
        try
        {
            await _subscriber.SubscribeAsync(_channel, _handler).ConfigureAwait(false);
            MarkLive(failures);
        }
        catch (Exception ex) when (RedisFailures.IsRedisFailure(ex))
        {
            // The library keeps the subscription: it may only have been slow to answer, or it is sent once the
            // connection is up. Confirm it in the background rather than wait for a reconnect that may never come.
            RedisTokenStoreLog.SubscriptionDeferred(_logger, RedisFailures.Describe(ex));
            StartConfirming();
        }
    }

    private void StartConfirming()
    {
        if (Interlocked.Exchange(ref _confirming, 1) == 0)
        {
            _ = ConfirmUntilLiveAsync();
        }
    }

    /// <summary>Pings through the subscriber connection (queued behind our SUBSCRIBE) until it answers.</summary>
    private async Task ConfirmUntilLiveAsync()
    {
        try
        {
            while (!_stoppingToken.IsCancellationRequested)
            {
                var failures = Volatile.Read(ref _failures);
                try
                {
                    await _subscriber.PingAsync().ConfigureAwait(false);
                    _cache.Clear(); // invalidations may have been missed until now
                    MarkLive(failures);
                    return;
                }
                catch (Exception ex) when (RedisFailures.IsRedisFailure(ex))
                {
                    // Still unreachable; the store answers from Redis (or fails) without caching meanwhile.
                }
                // Wall-clock pacing on purpose: a retry cadence, not cache policy, and it must run under a test's frozen clock.
                await Task.Delay(ConfirmRetryDelay, _stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
        finally
        {
            Volatile.Write(ref _confirming, 0);
        }
    }

    private void OnMessage(RedisChannel channel, RedisValue message)
    {
        var parsed = TryParse(message);
        if (parsed is not { } evt)
        {
            _cache.Clear();
            RedisTokenStoreLog.MalformedEvent(_logger);
            return;
        }
        _cache.Invalidate(evt.Hash);
        RedisTokenStoreLog.Invalidated(_logger, evt.Id, RedisTokenStoreLog.ShortHash(evt.Hash));
        Invalidated?.Invoke(evt.Id);
    }

    private static (string Id, TokenHash Hash)? TryParse(RedisValue message)
    {
        try
        {
            var evt = JsonSerializer.Deserialize(((ReadOnlyMemory<byte>)message).Span, RedisTokenJsonContext.Default.TokenEventMessage);
            return evt is { Id: not null, Hash: not null } ? (evt.Id, TokenHash.Parse(evt.Hash)) : null;
        }
        catch (Exception ex) when (ex is JsonException or FormatException or ArgumentException)
        {
            return null;
        }
    }

    private void OnConnectionFailed(object? sender, ConnectionFailedEventArgs e)
    {
        Interlocked.Increment(ref _failures);
        _live = false;
        RedisTokenStoreLog.ConnectionLost(_logger, e.ConnectionType, e.FailureType, (int)TokenCache.StaleGrace.TotalSeconds);
    }

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e) => _ = ResynchronizeAsync(e.ConnectionType);

    private async Task ResynchronizeAsync(ConnectionType connectionType)
    {
        var failures = Volatile.Read(ref _failures);
        var dropped = _cache.Clear();
        try
        {
            // The library re-sends SUBSCRIBE before it raises ConnectionRestored, and a subscriber PING queues
            // behind it on the same connection: once PING answers, invalidations reach us again.
            await _subscriber.PingAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (RedisFailures.IsRedisFailure(ex))
        {
            RedisTokenStoreLog.ResynchronizeFailed(_logger, connectionType, RedisFailures.Describe(ex));
            StartConfirming();
            return;
        }
        dropped += _cache.Clear(); // anything a lookup cached while we were confirming
        MarkLive(failures);
        RedisTokenStoreLog.ConnectionRestored(_logger, connectionType, dropped);
        Resynchronized?.Invoke(connectionType);
    }

    /// <summary>Goes live unless a connection failed after <paramref name="failuresBefore"/> was read.</summary>
    private void MarkLive(int failuresBefore)
    {
        if (Volatile.Read(ref _failures) == failuresBefore)
        {
            _live = true;
        }
        _subscribed.TrySetResult();
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        _live = false;
        _stopping.Cancel();
        _stopping.Dispose();
        _multiplexer.ConnectionFailed -= OnConnectionFailed;
        _multiplexer.ConnectionRestored -= OnConnectionRestored;
        try
        {
            _subscriber.Unsubscribe(_channel, _handler, CommandFlags.FireAndForget);
        }
        catch (Exception ex) when (ex is ObjectDisposedException || RedisFailures.IsRedisFailure(ex))
        {
            // Shutting down; the server drops the subscription with the connection.
        }
    }
}

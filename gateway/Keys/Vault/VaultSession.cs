using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace AiGateway.Keys.Vault;

/// <summary>
/// The gateway's own Vault token: logs in on first use, renews at half the lease (as Vault Agent does,
/// only earlier), and logs in again when a renewal fails, the lease can no longer grow, or Vault says the
/// token is invalid. All timing runs on the injected <see cref="TimeProvider"/>, so tests drive it.
/// </summary>
internal sealed partial class VaultSession : IDisposable
{
    private static readonly TimeSpan MinimumRetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaximumRetry = TimeSpan.FromSeconds(30);

    private readonly VaultTransport _transport;
    private readonly IVaultAuthMethod _auth;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _loginLock = new(1, 1);
    private readonly ITimer _timer;
    private VaultLogin? _login;
    private DateTimeOffset _expiresAt;
    private TimeSpan _grantedLease;
    private TimeSpan _retryDelay = MinimumRetry;
    private Task _background = Task.CompletedTask;

    public VaultSession(VaultTransport transport, IVaultAuthMethod auth, TimeProvider time, ILogger logger)
    {
        _transport = transport;
        _auth = auth;
        _time = time;
        _logger = logger;
        _timer = time.CreateTimer(_ => _background = MaintainAsync(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Successful logins so far (first login included).</summary>
    public int LoginCount { get; private set; }

    /// <summary>Successful renewals so far.</summary>
    public int RenewalCount { get; private set; }

    /// <summary>When the current token's lease ends (<see cref="DateTimeOffset.MaxValue"/> for non-expiring tokens).</summary>
    public DateTimeOffset ExpiresAt => _expiresAt;

    /// <summary>The renewal or re-login started by the last timer tick; tests await it after advancing time.</summary>
    public Task BackgroundWork => _background;

    public async Task<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        var login = _login;
        if (login is not null && _time.GetUtcNow() < _expiresAt)
        {
            return login.Token;
        }
        return await LoginAsync(login, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Called when Vault rejected <paramref name="token"/>: the next call logs in again.</summary>
    public void Invalidate(string token)
    {
        if (_login?.Token == token)
        {
            _login = null;
        }
    }

    private async Task<string> LoginAsync(VaultLogin? stale, CancellationToken cancellationToken)
    {
        await _loginLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Another caller may have logged in while this one waited.
            if (_login is { } current && !ReferenceEquals(current, stale) && _time.GetUtcNow() < _expiresAt)
            {
                return current.Token;
            }
            var login = await _auth.LoginAsync(_transport, cancellationToken).ConfigureAwait(false);
            Accept(login, isRenewal: false);
            LoginCount++;
            Log.LoggedIn(_logger, _auth.Name, login.LeaseDuration.TotalSeconds, login.Renewable);
            return login.Token;
        }
        finally
        {
            _loginLock.Release();
        }
    }

    private void Accept(VaultLogin login, bool isRenewal)
    {
        var now = _time.GetUtcNow();
        _login = login;
        _expiresAt = login.Expires ? now + login.LeaseDuration : DateTimeOffset.MaxValue;
        if (!isRenewal)
        {
            _grantedLease = login.LeaseDuration;
        }
        _retryDelay = MinimumRetry;
        if (login.Expires)
        {
            // Half the lease: the other half is the margin for a slow or failing renewal.
            _timer.Change(login.LeaseDuration / 2, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Timer work: renew while the lease can grow, otherwise (or on failure) log in afresh.</summary>
    private async Task MaintainAsync()
    {
        var login = _login;
        try
        {
            if (login is null)
            {
                await LoginAsync(null, CancellationToken.None).ConfigureAwait(false);
                return;
            }
            if (login.Renewable)
            {
                var response = await _transport.SendAsync(HttpMethod.Post, "auth/token/renew-self", new JsonObject(), login.Token,
                    notFoundIsNull: false, CancellationToken.None).ConfigureAwait(false)
                    ?? throw new VaultException("Vault returned an empty renew-self response.");
                var renewed = VaultLogin.FromAuth(response) with { Token = login.Token };
                // Capped by the role's max TTL: renewing again would only shrink; get a fresh token instead.
                if (renewed.LeaseDuration >= _grantedLease / 2)
                {
                    Accept(renewed, isRenewal: true);
                    RenewalCount++;
                    Log.Renewed(_logger, renewed.LeaseDuration.TotalSeconds);
                    return;
                }
            }
            await LoginAsync(login, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is VaultException or IOException or UnauthorizedAccessException or System.Text.Json.JsonException or KeyNotFoundException)
        {
            Log.MaintenanceFailed(_logger, ex.Message, _retryDelay.TotalSeconds);
            if (ex is VaultException { IsInvalidToken: true })
            {
                Invalidate(login?.Token ?? "");
            }
            _timer.Change(_retryDelay, Timeout.InfiniteTimeSpan);
            _retryDelay = TimeSpan.FromTicks(Math.Min(_retryDelay.Ticks * 2, MaximumRetry.Ticks));
        }
    }

    public void Dispose()
    {
        _timer.Dispose();
        _loginLock.Dispose();
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = Telemetry.EventIds.VaultLoggedIn, Level = LogLevel.Information, EventName = "VaultLoggedIn",
            Message = "Logged in to Vault with {Method}; lease {LeaseSeconds} s, renewable {Renewable}.")]
        public static partial void LoggedIn(ILogger logger, string method, double leaseSeconds, bool renewable);

        [LoggerMessage(EventId = Telemetry.EventIds.VaultTokenRenewed, Level = LogLevel.Debug, EventName = "VaultTokenRenewed",
            Message = "Renewed the Vault token; lease {LeaseSeconds} s.")]
        public static partial void Renewed(ILogger logger, double leaseSeconds);

        [LoggerMessage(EventId = Telemetry.EventIds.VaultTokenMaintenanceFailed, Level = LogLevel.Warning, EventName = "VaultTokenMaintenanceFailed",
            Message = "Vault token renewal or login failed ({Reason}); retrying in {RetrySeconds} s.")]
        public static partial void MaintenanceFailed(ILogger logger, string reason, double retrySeconds);
    }
}

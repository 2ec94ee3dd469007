using System.Security.Cryptography;
using AiGateway.Auth;
using AiGateway.Errors;
using AiGateway.Storage;
using AiGateway.UnitTests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace AiGateway.UnitTests.Auth;

public sealed class CallerAuthenticatorTests : IDisposable
{
    private readonly TempDirectory _folder = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly TokenHasher _hasher = new(RandomNumberGenerator.GetBytes(32));
    private readonly EmbeddedTokenStore _store;
    private readonly TokenIssuer _issuer;
    private readonly CallerAuthenticator _authenticator;

    public CallerAuthenticatorTests()
    {
        _store = new EmbeddedTokenStore(new DataDirectory(_folder.Path));
        _issuer = new TokenIssuer(_store, _hasher, _time);
        _authenticator = new CallerAuthenticator(_store, _hasher, _time);
    }

    public void Dispose()
    {
        _store.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public async Task AuthenticateAsync_EmptyCredential_MissingCredential()
    {
        var outcome = await _authenticator.AuthenticateAsync("", CancellationToken.None);

        Assert.Null(outcome.Caller);
        Assert.Same(GatewayErrors.MissingCredential, outcome.Error);
        Assert.Equal(401, outcome.Error!.StatusCode);
    }

    [Theory]
    [InlineData("sk-proj-abcdefghijklmnopqrstuvwxyz0123456789")]
    [InlineData("aigw_")]
    [InlineData("aigw_short")]
    [InlineData("Bearer aigw_x")]
    [InlineData("not a token at all")]
    public async Task AuthenticateAsync_Malformed_InvalidToken(string credential)
    {
        var outcome = await _authenticator.AuthenticateAsync(credential, CancellationToken.None);

        Assert.Null(outcome.Caller);
        Assert.Same(GatewayErrors.InvalidToken, outcome.Error);
    }

    [Fact]
    public async Task AuthenticateAsync_IssuedTokenWithOneCharacterChanged_InvalidToken()
    {
        var issued = await _issuer.IssueAsync("rag", "app", null, "admin", CancellationToken.None);
        var secret = issued.Secret;
        var altered = secret[..10] + (secret[10] == 'a' ? 'b' : 'a') + secret[11..];

        var outcome = await _authenticator.AuthenticateAsync(altered, CancellationToken.None);

        Assert.Same(GatewayErrors.InvalidToken, outcome.Error);
    }

    [Fact]
    public async Task AuthenticateAsync_WellFormedButUnknown_InvalidToken()
    {
        await _issuer.IssueAsync("rag", "app", null, "admin", CancellationToken.None);
        var unknown = TokenFormat.Generate();

        var outcome = await _authenticator.AuthenticateAsync(unknown, CancellationToken.None);

        Assert.Null(outcome.Caller);
        Assert.Same(GatewayErrors.InvalidToken, outcome.Error);
    }

    [Fact]
    public async Task AuthenticateAsync_AdminCredential_InvalidToken()
    {
        var outcome = await _authenticator.AuthenticateAsync(TokenFormat.Generate(TokenFormat.AdminPrefix), CancellationToken.None);

        Assert.Same(GatewayErrors.InvalidToken, outcome.Error);
    }

    [Fact]
    public async Task AuthenticateAsync_ValidToken_CallerSet()
    {
        var issued = await _issuer.IssueAsync("rag", "chatbot", TimeSpan.FromDays(30), "admin", CancellationToken.None);

        var outcome = await _authenticator.AuthenticateAsync(issued.Secret, CancellationToken.None);

        Assert.Null(outcome.Error);
        Assert.NotNull(outcome.Caller);
        Assert.Equal(issued.Record.Id, outcome.Caller.Id);
        Assert.Equal("rag", outcome.Caller.Team);
        Assert.Equal("chatbot", outcome.Caller.App);
    }

    [Fact]
    public async Task AuthenticateAsync_TokenHashedWithAnotherServerKey_InvalidToken()
    {
        var issued = await _issuer.IssueAsync("rag", "app", null, "admin", CancellationToken.None);
        var otherGateway = new CallerAuthenticator(_store, new TokenHasher(RandomNumberGenerator.GetBytes(32)), _time);

        var outcome = await otherGateway.AuthenticateAsync(issued.Secret, CancellationToken.None);

        Assert.Same(GatewayErrors.InvalidToken, outcome.Error);
    }

    [Fact]
    public async Task AuthenticateAsync_JustBeforeExpiry_CallerSet()
    {
        var issued = await _issuer.IssueAsync("rag", "app", TimeSpan.FromHours(1), "admin", CancellationToken.None);
        _time.Advance(TimeSpan.FromHours(1) - TimeSpan.FromTicks(1));

        var outcome = await _authenticator.AuthenticateAsync(issued.Secret, CancellationToken.None);

        Assert.Null(outcome.Error);
        Assert.Equal(issued.Record.Id, outcome.Caller?.Id);
    }

    [Theory]
    [InlineData(0)] // exactly at ExpiresAt
    [InlineData(1)]
    [InlineData(100_000)]
    public async Task AuthenticateAsync_AtOrPastExpiry_ExpiredToken(int secondsPast)
    {
        var issued = await _issuer.IssueAsync("rag", "app", TimeSpan.FromHours(1), "admin", CancellationToken.None);
        _time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(secondsPast));

        var outcome = await _authenticator.AuthenticateAsync(issued.Secret, CancellationToken.None);

        Assert.Null(outcome.Caller);
        Assert.Same(GatewayErrors.ExpiredToken, outcome.Error);
        Assert.Equal(401, outcome.Error!.StatusCode);
    }

    [Fact]
    public async Task AuthenticateAsync_NoExpiry_StillValidYearsLater()
    {
        var issued = await _issuer.IssueAsync("rag", "app", null, "admin", CancellationToken.None);
        _time.Advance(TimeSpan.FromDays(3650));

        var outcome = await _authenticator.AuthenticateAsync(issued.Secret, CancellationToken.None);

        Assert.NotNull(outcome.Caller);
    }

    [Fact]
    public async Task AuthenticateAsync_Suspended_SuspendedToken403()
    {
        var issued = await _issuer.IssueAsync("rag", "app", null, "admin", CancellationToken.None);
        await _store.SetStatusAsync(issued.Record.Id, TokenStatus.Suspended, "breaker", _time.GetUtcNow(), CancellationToken.None);

        var outcome = await _authenticator.AuthenticateAsync(issued.Secret, CancellationToken.None);

        Assert.Null(outcome.Caller);
        Assert.Same(GatewayErrors.SuspendedToken, outcome.Error);
        Assert.Equal(403, outcome.Error!.StatusCode);
        Assert.True(outcome.Error.NotRetryable);
    }

    [Fact]
    public async Task AuthenticateAsync_SuspendedThenReinstated_CallerSet()
    {
        var issued = await _issuer.IssueAsync("rag", "app", null, "admin", CancellationToken.None);
        await _store.SetStatusAsync(issued.Record.Id, TokenStatus.Suspended, "breaker", _time.GetUtcNow(), CancellationToken.None);
        await _store.SetStatusAsync(issued.Record.Id, TokenStatus.Active, "reinstated", _time.GetUtcNow(), CancellationToken.None);

        var outcome = await _authenticator.AuthenticateAsync(issued.Secret, CancellationToken.None);

        Assert.Equal(issued.Record.Id, outcome.Caller?.Id);
    }

    [Fact]
    public async Task AuthenticateAsync_Revoked_RevokedToken()
    {
        var issued = await _issuer.IssueAsync("rag", "app", null, "admin", CancellationToken.None);
        await _store.SetStatusAsync(issued.Record.Id, TokenStatus.Revoked, "leaked", _time.GetUtcNow(), CancellationToken.None);

        var outcome = await _authenticator.AuthenticateAsync(issued.Secret, CancellationToken.None);

        Assert.Null(outcome.Caller);
        Assert.Same(GatewayErrors.RevokedToken, outcome.Error);
        Assert.Equal(401, outcome.Error!.StatusCode);
    }

    [Fact]
    public async Task AuthenticateAsync_RevokedAndExpired_RevokedWins()
    {
        var issued = await _issuer.IssueAsync("rag", "app", TimeSpan.FromMinutes(1), "admin", CancellationToken.None);
        await _store.SetStatusAsync(issued.Record.Id, TokenStatus.Revoked, "leaked", _time.GetUtcNow(), CancellationToken.None);
        _time.Advance(TimeSpan.FromHours(1));

        var outcome = await _authenticator.AuthenticateAsync(issued.Secret, CancellationToken.None);

        Assert.Same(GatewayErrors.RevokedToken, outcome.Error);
    }

    [Fact]
    public async Task AuthenticateAsync_StoreCompletesAsynchronously_CallerSet()
    {
        var issued = await _issuer.IssueAsync("rag", "app", null, "admin", CancellationToken.None);
        var authenticator = new CallerAuthenticator(new YieldingStore(_store), _hasher, _time);

        var outcome = await authenticator.AuthenticateAsync(issued.Secret, CancellationToken.None);

        Assert.Equal(issued.Record.Id, outcome.Caller?.Id);
    }

    [Fact]
    public async Task AuthenticateAsync_StoreCompletesAsynchronouslyWithSuspended_SuspendedToken()
    {
        var issued = await _issuer.IssueAsync("rag", "app", null, "admin", CancellationToken.None);
        await _store.SetStatusAsync(issued.Record.Id, TokenStatus.Suspended, null, _time.GetUtcNow(), CancellationToken.None);
        var authenticator = new CallerAuthenticator(new YieldingStore(_store), _hasher, _time);

        var outcome = await authenticator.AuthenticateAsync(issued.Secret, CancellationToken.None);

        Assert.Same(GatewayErrors.SuspendedToken, outcome.Error);
    }

    [Fact]
    public async Task AuthenticateAsync_StoreReturnsRecordWithOtherHash_InvalidToken()
    {
        // The final constant-time comparison must hold even if a store answers with the wrong record.
        var issued = await _issuer.IssueAsync("rag", "app", null, "admin", CancellationToken.None);
        var wrong = issued.Record with { Hash = new TokenHash(1, 2, 3, 4) };
        var authenticator = new CallerAuthenticator(new FixedAnswerStore(wrong), _hasher, _time);

        var outcome = await authenticator.AuthenticateAsync(issued.Secret, CancellationToken.None);

        Assert.Same(GatewayErrors.InvalidToken, outcome.Error);
    }

    /// <summary>A store whose hot-path lookup completes asynchronously, like a remote store would.</summary>
    private sealed class YieldingStore(ITokenStore inner) : ITokenStore
    {
        public async ValueTask<TokenRecord?> FindByHashAsync(TokenHash hash, CancellationToken cancellationToken)
        {
            await Task.Yield();
            return await inner.FindByHashAsync(hash, cancellationToken);
        }

        public Task<TokenRecord?> GetAsync(string id, CancellationToken cancellationToken) => inner.GetAsync(id, cancellationToken);

        public Task<IReadOnlyList<TokenRecord>> ListAsync(string? team, CancellationToken cancellationToken) => inner.ListAsync(team, cancellationToken);

        public Task AddAsync(TokenRecord record, CancellationToken cancellationToken) => inner.AddAsync(record, cancellationToken);

        public Task<TokenRecord?> SetStatusAsync(string id, TokenStatus status, string? reason, DateTimeOffset at, CancellationToken cancellationToken) =>
            inner.SetStatusAsync(id, status, reason, at, cancellationToken);
    }

    private sealed class FixedAnswerStore(TokenRecord answer) : ITokenStore
    {
        public ValueTask<TokenRecord?> FindByHashAsync(TokenHash hash, CancellationToken cancellationToken) => new(answer);

        public Task<TokenRecord?> GetAsync(string id, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<TokenRecord>> ListAsync(string? team, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task AddAsync(TokenRecord record, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<TokenRecord?> SetStatusAsync(string id, TokenStatus status, string? reason, DateTimeOffset at, CancellationToken cancellationToken) =>
            throw new NotSupportedException();
    }
}

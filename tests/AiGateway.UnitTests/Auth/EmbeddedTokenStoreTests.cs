using System.Security.Cryptography;
using AiGateway.Auth;
using AiGateway.Storage;
using AiGateway.UnitTests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace AiGateway.UnitTests.Auth;

public sealed class EmbeddedTokenStoreTests : IDisposable
{
    private readonly TempDirectory _folder = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly TokenHasher _hasher = new(RandomNumberGenerator.GetBytes(32));

    public void Dispose() => _folder.Dispose();

    private EmbeddedTokenStore NewStore() => new(new DataDirectory(_folder.Path));

    private string TokensFile => Path.Combine(_folder.Path, "tokens.json");

    private TokenRecord NewRecord(string id, string team = "rag") => new()
    {
        Id = id,
        Hash = _hasher.Hash(TokenFormat.Generate()),
        Team = team,
        App = "app",
        CreatedAt = _time.GetUtcNow(),
    };

    [Fact]
    public async Task AddAsync_NewInstanceOnSameFolder_RecordSurvivesRestart()
    {
        IssuedToken issued;
        using (var store = NewStore())
        {
            var issuer = new TokenIssuer(store, _hasher, _time);
            issued = await issuer.IssueAsync("rag", "chatbot", TimeSpan.FromDays(7), "alice", CancellationToken.None);
        }

        using var restarted = NewStore();
        var byId = await restarted.GetAsync(issued.Record.Id, CancellationToken.None);
        var byHash = await restarted.FindByHashAsync(_hasher.Hash(issued.Secret), CancellationToken.None);

        Assert.Equal(issued.Record, byId);
        Assert.Equal(issued.Record, byHash);
        Assert.Equal(_time.GetUtcNow() + TimeSpan.FromDays(7), byId!.ExpiresAt);
        Assert.Equal("alice", byId.CreatedBy);
    }

    [Fact]
    public async Task SetStatusAsync_NewInstanceOnSameFolder_StatusSurvivesRestart()
    {
        var record = NewRecord("tok_1");
        var at = _time.GetUtcNow();
        using (var store = NewStore())
        {
            await store.AddAsync(record, CancellationToken.None);
            await store.SetStatusAsync("tok_1", TokenStatus.Suspended, "too fast", at, CancellationToken.None);
        }

        using var restarted = NewStore();
        var reloaded = await restarted.GetAsync("tok_1", CancellationToken.None);

        Assert.NotNull(reloaded);
        Assert.Equal(TokenStatus.Suspended, reloaded.Status);
        Assert.Equal("too fast", reloaded.StatusReason);
        Assert.Equal(at, reloaded.StatusChangedAt);
    }

    [Fact]
    public async Task Constructor_NoFile_StartsEmpty()
    {
        using var store = NewStore();

        Assert.Empty(await store.ListAsync(null, CancellationToken.None));
        Assert.False(File.Exists(TokensFile));
    }

    [Fact]
    public async Task SetStatusAsync_UnknownId_ReturnsNull()
    {
        using var store = NewStore();
        await store.AddAsync(NewRecord("tok_1"), CancellationToken.None);

        var result = await store.SetStatusAsync("tok_nope", TokenStatus.Revoked, null, _time.GetUtcNow(), CancellationToken.None);

        Assert.Null(result);
        Assert.Equal(TokenStatus.Active, (await store.GetAsync("tok_1", CancellationToken.None))!.Status);
    }

    [Theory]
    [InlineData(TokenStatus.Active)]
    [InlineData(TokenStatus.Suspended)]
    public async Task SetStatusAsync_RevokedToAnotherStatus_ThrowsAndStaysRevoked(TokenStatus target)
    {
        using var store = NewStore();
        await store.AddAsync(NewRecord("tok_1"), CancellationToken.None);
        await store.SetStatusAsync("tok_1", TokenStatus.Revoked, "leaked", _time.GetUtcNow(), CancellationToken.None);

        await Assert.ThrowsAsync<InvalidOperationException>(
            () => store.SetStatusAsync("tok_1", target, null, _time.GetUtcNow(), CancellationToken.None));

        Assert.Equal(TokenStatus.Revoked, (await store.GetAsync("tok_1", CancellationToken.None))!.Status);
        using var restarted = NewStore();
        Assert.Equal(TokenStatus.Revoked, (await restarted.GetAsync("tok_1", CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task SetStatusAsync_SuspendedToActive_Reinstates()
    {
        using var store = NewStore();
        await store.AddAsync(NewRecord("tok_1"), CancellationToken.None);
        await store.SetStatusAsync("tok_1", TokenStatus.Suspended, "breaker", _time.GetUtcNow(), CancellationToken.None);

        var updated = await store.SetStatusAsync("tok_1", TokenStatus.Active, "ok", _time.GetUtcNow(), CancellationToken.None);

        Assert.Equal(TokenStatus.Active, updated!.Status);
        Assert.Equal(TokenStatus.Active, (await store.GetAsync("tok_1", CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task SetStatusAsync_Updated_FindByHashSeesNewStatus()
    {
        using var store = NewStore();
        var record = NewRecord("tok_1");
        await store.AddAsync(record, CancellationToken.None);

        await store.SetStatusAsync("tok_1", TokenStatus.Suspended, null, _time.GetUtcNow(), CancellationToken.None);

        Assert.Equal(TokenStatus.Suspended, (await store.FindByHashAsync(record.Hash, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task AddAsync_DuplicateId_Throws()
    {
        using var store = NewStore();
        await store.AddAsync(NewRecord("tok_1"), CancellationToken.None);

        await Assert.ThrowsAsync<InvalidOperationException>(() => store.AddAsync(NewRecord("tok_1"), CancellationToken.None));
        Assert.Single(await store.ListAsync(null, CancellationToken.None));
    }

    [Fact]
    public async Task AddAsync_DuplicateHash_Throws()
    {
        using var store = NewStore();
        var first = NewRecord("tok_1");
        await store.AddAsync(first, CancellationToken.None);

        await Assert.ThrowsAsync<InvalidOperationException>(
            () => store.AddAsync(NewRecord("tok_2") with { Hash = first.Hash }, CancellationToken.None));
        Assert.Null(await store.GetAsync("tok_2", CancellationToken.None));
    }

    [Fact]
    public async Task ListAsync_Team_ReturnsOnlyThatTeam()
    {
        using var store = NewStore();
        await store.AddAsync(NewRecord("tok_1", "rag"), CancellationToken.None);
        await store.AddAsync(NewRecord("tok_2", "search"), CancellationToken.None);
        await store.AddAsync(NewRecord("tok_3", "rag"), CancellationToken.None);

        var rag = await store.ListAsync("rag", CancellationToken.None);
        var all = await store.ListAsync(null, CancellationToken.None);

        Assert.Equal(["tok_1", "tok_3"], rag.Select(r => r.Id).Order(StringComparer.Ordinal));
        Assert.Equal(3, all.Count);
        Assert.Empty(await store.ListAsync("RAG", CancellationToken.None));
    }

    [Fact]
    public async Task TokensFile_AfterIssuing_NeverContainsTheSecret()
    {
        var secrets = new List<string>();
        using (var store = NewStore())
        {
            var issuer = new TokenIssuer(store, _hasher, _time);
            for (var i = 0; i < 5; i++)
            {
                var issued = await issuer.IssueAsync("rag", "app" + i, null, "admin", CancellationToken.None);
                secrets.Add(issued.Secret);
                await store.SetStatusAsync(issued.Record.Id, TokenStatus.Suspended, "test", _time.GetUtcNow(), CancellationToken.None);
            }
        }

        var text = await File.ReadAllTextAsync(TokensFile);

        Assert.Contains("app4", text, StringComparison.Ordinal); // the file was written
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
            Assert.DoesNotContain(secret[TokenFormat.Prefix.Length..], text, StringComparison.Ordinal);
            Assert.DoesNotContain(secret.Substring(TokenFormat.Prefix.Length, 12), text, StringComparison.Ordinal);
            Assert.Contains(_hasher.Hash(secret).ToString(), text, StringComparison.Ordinal);
        }
        Assert.DoesNotContain("aigw_", text, StringComparison.Ordinal);
    }

    [Fact]
    public void IssuedToken_ToString_DoesNotContainSecret()
    {
        var record = NewRecord("tok_1");
        var secret = TokenFormat.Generate();

        var text = new IssuedToken(record, secret).ToString();

        Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        Assert.Contains("tok_1", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TokensFile_OnUnix_IsOwnerReadWriteOnly()
    {
        using var store = NewStore();
        await store.AddAsync(NewRecord("tok_1"), CancellationToken.None);

        Assert.True(File.Exists(TokensFile));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(TokensFile));
        }
    }

    [Fact]
    public void Constructor_CorruptTokensFile_ThrowsInvalidDataExceptionNamingTheFile()
    {
        File.WriteAllText(TokensFile, "[{\"id\": \"tok_1\", ");

        var ex = Assert.Throws<InvalidDataException>(() => NewStore());

        Assert.Contains(TokensFile, ex.Message, StringComparison.Ordinal);
    }
}

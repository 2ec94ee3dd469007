using System.Security.Cryptography;
using AiGateway.Auth;
using Microsoft.Extensions.Time.Testing;

namespace AiGateway.UnitTests.Auth;

/// <summary>
/// What every <see cref="ITokenStore"/> must do, run against each implementation (the way the runtime's
/// BaseRateLimiterTests runs against every limiter). <see cref="CreateStore"/> returns a store over this test's own
/// data; calling it again in the same test returns another store over the same data (a restart, or a second replica).
/// </summary>
public abstract class TokenStoreContractTests : IDisposable
{
    private readonly List<IDisposable> _created = [];

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));

    protected TokenHasher Hasher { get; } = new(RandomNumberGenerator.GetBytes(32));

    /// <summary>A new store over this test's data (see the class summary).</summary>
    protected abstract ITokenStore CreateStore();

    protected ITokenStore NewStore()
    {
        var store = CreateStore();
        if (store is IDisposable disposable)
        {
            _created.Add(disposable);
        }
        return store;
    }

    protected TokenRecord NewRecord(string id, string team = "rag", string app = "app") => new()
    {
        Id = id,
        Hash = Hasher.Hash(TokenFormat.Generate()),
        Team = team,
        App = app,
        CreatedAt = Time.GetUtcNow(),
    };

    public virtual void Dispose()
    {
        foreach (var store in _created)
        {
            store.Dispose();
        }
        GC.SuppressFinalize(this);
    }

    private static CancellationToken None => CancellationToken.None;

    /// <summary>Records hold a list (scopes), so compare field by field rather than with record equality.</summary>
    protected static void AssertSameRecord(TokenRecord expected, TokenRecord? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected with { Scopes = null }, actual with { Scopes = null });
        Assert.Equal(expected.CreatedAt.Offset, actual.CreatedAt.Offset);
        Assert.Equal(expected.ExpiresAt?.Offset, actual.ExpiresAt?.Offset);
        if (expected.Scopes is null)
        {
            Assert.Null(actual.Scopes);
        }
        else
        {
            Assert.Equal(expected.Scopes, actual.Scopes!);
        }
    }

    [Fact]
    public async Task AddAsync_FullRecord_GetAndFindReturnEveryField()
    {
        var store = NewStore();
        var record = NewRecord("tok_full") with
        {
            ExpiresAt = Time.GetUtcNow().AddDays(30),
            Scopes = ["chat", "embeddings"],
            CreatedBy = "alice",
        };

        await store.AddAsync(record, None);

        AssertSameRecord(record, await store.GetAsync("tok_full", None));
        AssertSameRecord(record, await store.FindByHashAsync(record.Hash, None));
    }

    [Fact]
    public async Task AddAsync_IssuedThroughTokenIssuer_FoundBySecretHash()
    {
        var store = NewStore();
        var issued = await new TokenIssuer(store, Hasher, Time).IssueAsync("rag", "chatbot", TimeSpan.FromDays(7), "alice", None);

        var found = await store.FindByHashAsync(Hasher.Hash(issued.Secret), None);

        Assert.Equal(issued.Record, found);
    }

    [Fact]
    public async Task FindByHashAsync_UnknownHash_ReturnsNull()
    {
        var store = NewStore();
        await store.AddAsync(NewRecord("tok_1"), None);

        Assert.Null(await store.FindByHashAsync(Hasher.Hash(TokenFormat.Generate()), None));
    }

    [Fact]
    public async Task GetAsync_UnknownId_ReturnsNull()
    {
        var store = NewStore();
        await store.AddAsync(NewRecord("tok_1"), None);

        Assert.Null(await store.GetAsync("tok_nope", None));
        Assert.Null(await store.GetAsync("", None));
    }

    [Fact]
    public async Task ListAsync_EmptyStore_ReturnsEmpty()
    {
        var store = NewStore();

        Assert.Empty(await store.ListAsync(null, None));
        Assert.Empty(await store.ListAsync("rag", None));
    }

    [Fact]
    public async Task ListAsync_Team_ReturnsOnlyThatTeamOrdinally()
    {
        var store = NewStore();
        await store.AddAsync(NewRecord("tok_1", "rag"), None);
        await store.AddAsync(NewRecord("tok_2", "search"), None);
        await store.AddAsync(NewRecord("tok_3", "rag"), None);

        var rag = await store.ListAsync("rag", None);
        var all = await store.ListAsync(null, None);

        Assert.Equal(["tok_1", "tok_3"], rag.Select(r => r.Id).Order(StringComparer.Ordinal));
        Assert.Equal(["tok_1", "tok_2", "tok_3"], all.Select(r => r.Id).Order(StringComparer.Ordinal));
        Assert.Empty(await store.ListAsync("RAG", None));
    }

    [Fact]
    public async Task ListAsync_ManyTokens_ReturnsEveryOne()
    {
        var store = NewStore();
        var ids = Enumerable.Range(0, 300).Select(i => $"tok_{i:D4}").ToList();
        foreach (var id in ids)
        {
            await store.AddAsync(NewRecord(id, team: id.EndsWith('7') ? "seven" : "rag"), None);
        }

        var all = await store.ListAsync(null, None);
        var seven = await store.ListAsync("seven", None);

        Assert.Equal(ids, all.Select(r => r.Id).Order(StringComparer.Ordinal));
        Assert.Equal(30, seven.Count);
    }

    [Fact]
    public async Task AddAsync_DuplicateId_ThrowsAndKeepsTheOriginal()
    {
        var store = NewStore();
        var original = NewRecord("tok_1", app: "first");
        await store.AddAsync(original, None);
        var duplicate = NewRecord("tok_1", app: "second");

        await Assert.ThrowsAsync<InvalidOperationException>(() => store.AddAsync(duplicate, None));

        AssertSameRecord(original, await store.GetAsync("tok_1", None));
        Assert.Null(await store.FindByHashAsync(duplicate.Hash, None));
        Assert.Single(await store.ListAsync(null, None));
    }

    [Fact]
    public async Task AddAsync_DuplicateHash_ThrowsAndStoresNothing()
    {
        var store = NewStore();
        var first = NewRecord("tok_1");
        await store.AddAsync(first, None);

        await Assert.ThrowsAsync<InvalidOperationException>(() => store.AddAsync(NewRecord("tok_2") with { Hash = first.Hash }, None));

        Assert.Null(await store.GetAsync("tok_2", None));
        Assert.Equal("tok_1", (await store.FindByHashAsync(first.Hash, None))!.Id);
        Assert.Single(await store.ListAsync(null, None));
    }

    [Fact]
    public async Task AddAsync_SameIdConcurrently_ExactlyOneWins()
    {
        var store = NewStore();
        var candidates = Enumerable.Range(0, 10).Select(i => NewRecord("tok_race", app: "app" + i)).ToList();

        var results = await Task.WhenAll(candidates.Select(async c =>
        {
            try
            {
                await store.AddAsync(c, None);
                return true;
            }
            catch (InvalidOperationException)
            {
                return false;
            }
        }));

        Assert.Equal(1, results.Count(won => won));
        var winner = candidates[Array.IndexOf(results, true)];
        AssertSameRecord(winner, await store.GetAsync("tok_race", None));
        AssertSameRecord(winner, await store.FindByHashAsync(winner.Hash, None));
    }

    [Fact]
    public async Task SetStatusAsync_UnknownId_ReturnsNullAndChangesNothing()
    {
        var store = NewStore();
        await store.AddAsync(NewRecord("tok_1"), None);

        var result = await store.SetStatusAsync("tok_nope", TokenStatus.Revoked, null, Time.GetUtcNow(), None);

        Assert.Null(result);
        Assert.Null(await store.GetAsync("tok_nope", None));
        Assert.Equal(TokenStatus.Active, (await store.GetAsync("tok_1", None))!.Status);
    }

    [Fact]
    public async Task SetStatusAsync_Suspend_ReturnsAndStoresStatusReasonAndTime()
    {
        var store = NewStore();
        var record = NewRecord("tok_1");
        await store.AddAsync(record, None);
        var at = Time.GetUtcNow().AddMinutes(5);

        var updated = await store.SetStatusAsync("tok_1", TokenStatus.Suspended, "too fast", at, None);

        var expected = record with { Status = TokenStatus.Suspended, StatusReason = "too fast", StatusChangedAt = at };
        AssertSameRecord(expected, updated);
        AssertSameRecord(expected, await store.GetAsync("tok_1", None));
        AssertSameRecord(expected, await store.FindByHashAsync(record.Hash, None));
    }

    [Fact]
    public async Task SetStatusAsync_AfterALookup_TheSameStoreSeesTheChangeAtOnce()
    {
        var store = NewStore();
        var record = NewRecord("tok_1");
        await store.AddAsync(record, None);
        Assert.Equal(TokenStatus.Active, (await store.FindByHashAsync(record.Hash, None))!.Status);

        await store.SetStatusAsync("tok_1", TokenStatus.Suspended, null, Time.GetUtcNow(), None);

        Assert.Equal(TokenStatus.Suspended, (await store.FindByHashAsync(record.Hash, None))!.Status);
    }

    [Fact]
    public async Task SetStatusAsync_SuspendedToActive_Reinstates()
    {
        var store = NewStore();
        var record = NewRecord("tok_1");
        await store.AddAsync(record, None);
        await store.SetStatusAsync("tok_1", TokenStatus.Suspended, "breaker", Time.GetUtcNow(), None);

        var updated = await store.SetStatusAsync("tok_1", TokenStatus.Active, "ok", Time.GetUtcNow(), None);

        Assert.Equal(TokenStatus.Active, updated!.Status);
        Assert.Equal("ok", updated.StatusReason);
        Assert.Equal(TokenStatus.Active, (await store.FindByHashAsync(record.Hash, None))!.Status);
    }

    [Theory]
    [InlineData(TokenStatus.Active)]
    [InlineData(TokenStatus.Suspended)]
    public async Task SetStatusAsync_RevokedToAnotherStatus_ThrowsAndStaysRevoked(TokenStatus target)
    {
        var store = NewStore();
        var record = NewRecord("tok_1");
        await store.AddAsync(record, None);
        await store.SetStatusAsync("tok_1", TokenStatus.Revoked, "leaked", Time.GetUtcNow(), None);

        await Assert.ThrowsAsync<InvalidOperationException>(() => store.SetStatusAsync("tok_1", target, null, Time.GetUtcNow(), None));

        var stored = await store.GetAsync("tok_1", None);
        Assert.Equal(TokenStatus.Revoked, stored!.Status);
        Assert.Equal("leaked", stored.StatusReason);
        Assert.Equal(TokenStatus.Revoked, (await store.FindByHashAsync(record.Hash, None))!.Status);
    }

    [Fact]
    public async Task SetStatusAsync_RevokedAgain_StaysRevokedWithTheNewReason()
    {
        var store = NewStore();
        await store.AddAsync(NewRecord("tok_1"), None);
        await store.SetStatusAsync("tok_1", TokenStatus.Revoked, "leaked", Time.GetUtcNow(), None);

        var again = await store.SetStatusAsync("tok_1", TokenStatus.Revoked, "leaked twice", Time.GetUtcNow(), None);

        Assert.Equal(TokenStatus.Revoked, again!.Status);
        Assert.Equal("leaked twice", (await store.GetAsync("tok_1", None))!.StatusReason);
    }

    [Fact]
    public async Task SetStatusAsync_RevokeRacingReinstates_EndsRevoked()
    {
        var store = NewStore();
        await store.AddAsync(NewRecord("tok_1"), None);
        await store.SetStatusAsync("tok_1", TokenStatus.Suspended, null, Time.GetUtcNow(), None);

        var revoke = store.SetStatusAsync("tok_1", TokenStatus.Revoked, "leaked", Time.GetUtcNow(), None);
        var reinstates = Enumerable.Range(0, 10).Select(async i =>
        {
            try
            {
                await store.SetStatusAsync("tok_1", TokenStatus.Active, "reinstate " + i, Time.GetUtcNow(), None);
            }
            catch (InvalidOperationException)
            {
                // refused: it was already revoked
            }
        });
        await Task.WhenAll([revoke, .. reinstates]);

        var stored = await store.GetAsync("tok_1", None);
        Assert.Equal(TokenStatus.Revoked, stored!.Status);
        Assert.Equal("leaked", stored.StatusReason);
    }

    [Fact]
    public async Task AddAsync_UnicodeAndJsonSpecialCharacters_RoundTrip()
    {
        var store = NewStore();
        var record = NewRecord("tok_ünï_コード", team: "équipe-検索-🚀", app: "app \"quoted\" \\ back/slash \n\t\u0001 عربى 𝔘") with
        {
            CreatedBy = "ålice@例え.jp",
            Scopes = ["chat", "ünïcode", ""],
        };

        await store.AddAsync(record, None);
        await store.SetStatusAsync(record.Id, TokenStatus.Suspended, "причина: слишком быстро ⚡", Time.GetUtcNow(), None);

        var expected = record with { Status = TokenStatus.Suspended, StatusReason = "причина: слишком быстро ⚡", StatusChangedAt = Time.GetUtcNow() };
        AssertSameRecord(expected, await store.GetAsync(record.Id, None));
        AssertSameRecord(expected, await store.FindByHashAsync(record.Hash, None));
        AssertSameRecord(expected, Assert.Single(await store.ListAsync("équipe-検索-🚀", None)));
    }

    [Fact]
    public async Task AddAsync_ExtremeValues_RoundTrip()
    {
        var store = NewStore();
        var zeroHash = NewRecord("tok_min") with
        {
            Hash = new TokenHash(0, 0, 0, 0),
            CreatedAt = DateTimeOffset.MinValue,
            ExpiresAt = DateTimeOffset.MinValue,
            Scopes = [],
            StatusReason = "",
        };
        var maxHash = NewRecord("tok_max", team: new string('t', 10_000), app: new string('a', 100_000)) with
        {
            Hash = new TokenHash(ulong.MaxValue, ulong.MaxValue, ulong.MaxValue, ulong.MaxValue),
            CreatedAt = DateTimeOffset.MaxValue,
            ExpiresAt = new DateTimeOffset(9999, 12, 31, 23, 59, 59, TimeSpan.FromHours(14)),
            Scopes = Enumerable.Range(0, 1_000).Select(i => "scope" + i).ToList(),
            CreatedBy = new string('c', int.MaxValue / 100_000),
        };

        await store.AddAsync(zeroHash, None);
        await store.AddAsync(maxHash, None);

        AssertSameRecord(zeroHash, await store.FindByHashAsync(zeroHash.Hash, None));
        AssertSameRecord(maxHash, await store.FindByHashAsync(maxHash.Hash, None));
        AssertSameRecord(maxHash, await store.GetAsync("tok_max", None));
        Assert.Equal(2, (await store.ListAsync(null, None)).Count);
    }

    [Fact]
    public async Task AddAsync_ManyAddsAndChanges_AnotherStoreOverTheSameDataSeesThem()
    {
        var records = Enumerable.Range(0, 20).Select(i => NewRecord($"tok_{i}", team: i % 2 == 0 ? "even" : "odd")).ToList();
        var first = NewStore();
        foreach (var record in records)
        {
            await first.AddAsync(record, None);
        }
        await first.SetStatusAsync("tok_3", TokenStatus.Revoked, "leaked", Time.GetUtcNow(), None);
        await first.SetStatusAsync("tok_4", TokenStatus.Suspended, "breaker", Time.GetUtcNow(), None);
        (first as IDisposable)?.Dispose();

        var second = NewStore();

        Assert.Equal(10, (await second.ListAsync("even", None)).Count);
        Assert.Equal(TokenStatus.Revoked, (await second.FindByHashAsync(records[3].Hash, None))!.Status);
        Assert.Equal(TokenStatus.Suspended, (await second.GetAsync("tok_4", None))!.Status);
        AssertSameRecord(records[7], await second.FindByHashAsync(records[7].Hash, None));
        await Assert.ThrowsAsync<InvalidOperationException>(() => second.AddAsync(NewRecord("tok_0"), None));
    }
}

using AiGateway.Policies;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace AiGateway.UnitTests.Policies;

public sealed class FilePolicyProviderTests : IDisposable
{
    private readonly PolicyFolder _folder = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));

    public void Dispose() => _folder.Dispose();

    private FilePolicyProvider NewProvider() =>
        new(_folder.PoliciesPath, watch: false, _time, NullLogger<FilePolicyProvider>.Instance);

    [Fact]
    public void Constructor_ValidFolder_LoadsVersionOne()
    {
        _folder.Write("rag.json", PolicyFolder.Team("rag"));

        using var provider = NewProvider();

        Assert.Equal(1, provider.Current.Version);
        Assert.Equal(_time.GetUtcNow(), provider.Current.LoadedAt);
        Assert.NotNull(provider.Current.Find("rag"));
        Assert.Equal(_folder.PoliciesPath, provider.FolderPath);
    }

    [Fact]
    public void Constructor_InvalidFolder_ThrowsWithEveryError()
    {
        _folder.Write("a.json", PolicyFolder.Team("a", models: "[]"));
        _folder.Write("b.json", PolicyFolder.Team("b", endpoints: "[\"x\"]"));

        var ex = Assert.Throws<PolicyValidationException>(NewProvider);

        Assert.Equal(2, ex.Errors.Count);
    }

    [Fact]
    public void Reload_AfterEditingFile_AppliesChangeAndIncrementsVersion()
    {
        _folder.Write("rag.json", PolicyFolder.Team("rag", models: "[\"gpt-4.1\"]"));
        using var provider = NewProvider();
        var before = provider.Current;
        _folder.Write("rag.json", PolicyFolder.Team("rag", models: "[\"deepseek-*\"]"));
        _folder.Write("search.json", PolicyFolder.Team("search"));
        _time.Advance(TimeSpan.FromMinutes(5));

        var result = provider.Reload();

        Assert.True(result.Succeeded);
        Assert.Empty(result.Errors);
        Assert.Same(provider.Current, result.Snapshot);
        Assert.Equal(2, provider.Current.Version);
        Assert.Equal(_time.GetUtcNow(), provider.Current.LoadedAt);
        Assert.True(provider.Current.Find("rag")!.Models.IsAllowed("deepseek-v3.2"));
        Assert.False(provider.Current.Find("rag")!.Models.IsAllowed("gpt-4.1"));
        Assert.NotNull(provider.Current.Find("search"));
        // The old snapshot is immutable: a request holding it is unaffected.
        Assert.True(before.Find("rag")!.Models.IsAllowed("gpt-4.1"));
        Assert.Null(before.Find("search"));
    }

    [Fact]
    public void Reload_FileDeleted_TeamRemoved()
    {
        _folder.Write("rag.json", PolicyFolder.Team("rag"));
        var search = _folder.Write("search.json", PolicyFolder.Team("search"));
        using var provider = NewProvider();
        File.Delete(search);

        var result = provider.Reload();

        Assert.True(result.Succeeded);
        Assert.Null(provider.Current.Find("search"));
    }

    [Fact]
    public void Reload_BrokenFile_KeepsPreviousSnapshotAndReturnsErrors()
    {
        _folder.Write("rag.json", PolicyFolder.Team("rag", models: "[\"gpt-4.1\"]"));
        using var provider = NewProvider();
        var before = provider.Current;
        _folder.Write("rag.json", """{"team":"rag","model":["*"],""");

        var result = provider.Reload();

        Assert.False(result.Succeeded);
        Assert.NotEmpty(result.Errors);
        Assert.Contains(result.Errors, e => e.Contains(PolicyFolder.Display("rag.json"), StringComparison.Ordinal));
        Assert.Same(before, provider.Current);
        Assert.Same(before, result.Snapshot);
        Assert.Equal(1, provider.Current.Version);
        Assert.True(provider.Current.Find("rag")!.Models.IsAllowed("gpt-4.1"));
    }

    [Fact]
    public void Reload_InvalidPolicy_KeepsPreviousSnapshot()
    {
        _folder.Write("rag.json", PolicyFolder.Team("rag"));
        using var provider = NewProvider();
        var before = provider.Current;
        _folder.Write("rag.json", PolicyFolder.Team("rag", upstreamKey: "\"../../etc/passwd\""));

        var result = provider.Reload();

        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, e => e.Contains("'upstreamKey'", StringComparison.Ordinal));
        Assert.Same(before, provider.Current);
    }

    [Fact]
    public void Reload_BrokenThenFixed_VersionFollowsLastGoodSnapshot()
    {
        _folder.Write("rag.json", PolicyFolder.Team("rag"));
        using var provider = NewProvider();
        _folder.Write("rag.json", "{");
        provider.Reload();
        _folder.Write("rag.json", PolicyFolder.Team("rag", models: "[\"*\"]"));

        var result = provider.Reload();

        Assert.True(result.Succeeded);
        Assert.Equal(2, provider.Current.Version);
        Assert.True(provider.Current.Find("rag")!.Models.IsAllowed("anything"));
    }

    [Fact]
    public void GetReloadToken_Reload_Fires()
    {
        _folder.Write("rag.json", PolicyFolder.Team("rag"));
        using var provider = NewProvider();
        var token = provider.GetReloadToken();
        var callbacks = 0;
        using var registration = token.RegisterChangeCallback(_ => callbacks++, null);

        Assert.False(token.HasChanged);
        provider.Reload();

        Assert.True(token.HasChanged);
        Assert.Equal(1, callbacks);
        Assert.False(provider.GetReloadToken().HasChanged);
    }

    [Fact]
    public void GetReloadToken_FailedReload_StillFires()
    {
        _folder.Write("rag.json", PolicyFolder.Team("rag"));
        using var provider = NewProvider();
        var token = provider.GetReloadToken();
        _folder.Write("rag.json", "not json");

        var result = provider.Reload();

        Assert.False(result.Succeeded);
        Assert.True(token.HasChanged);
    }

    [Fact]
    public void GetReloadToken_TokenTakenAfterReload_FiresOnNextReloadOnly()
    {
        _folder.Write("rag.json", PolicyFolder.Team("rag"));
        using var provider = NewProvider();
        provider.Reload();
        var second = provider.GetReloadToken();

        Assert.False(second.HasChanged);
        provider.Reload();

        Assert.True(second.HasChanged);
        Assert.Equal(3, provider.Current.Version);
    }
}

using AiGateway.Keys;
using AiGateway.UnitTests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace AiGateway.UnitTests.Keys;

public sealed class FileUpstreamKeyProviderTests : IDisposable
{
    private readonly TempDirectory _folder = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));

    public void Dispose() => _folder.Dispose();

    private string KeyFile => _folder.Combine("upstream-keys.json");

    private FileUpstreamKeyProvider NewProvider(string? defaultKey = null) =>
        new(KeyFile, defaultKey, _time, NullLogger<FileUpstreamKeyProvider>.Instance);

    [Fact]
    public void GetKey_StringEntry_ReturnsBearerValue()
    {
        File.WriteAllText(KeyFile, """{"creds/rag": "sk-rag-123"}""");
        using var provider = NewProvider();

        var key = provider.GetKey("creds/rag");

        Assert.NotNull(key);
        Assert.Equal("creds/rag", key.KeyRef);
        Assert.Equal("Bearer sk-rag-123", key.AuthorizationHeaderValue);
        Assert.Null(key.KeyId);
        Assert.Null(key.Version);
        Assert.Equal(_time.GetUtcNow(), key.LoadedAt);
        Assert.Equal("file", provider.Name);
    }

    [Fact]
    public void GetKey_ObjectEntry_ReturnsValueAndKeyId()
    {
        File.WriteAllText(KeyFile, """{"creds/rag": {"api_key": "sk-rag-456", "key_id": "key_abc"}, "creds/search": {"api_key": "sk-s"}}""");
        using var provider = NewProvider();

        var rag = provider.GetKey("creds/rag");
        var search = provider.GetKey("creds/search");

        Assert.Equal("Bearer sk-rag-456", rag?.AuthorizationHeaderValue);
        Assert.Equal("key_abc", rag?.KeyId);
        Assert.Equal("Bearer sk-s", search?.AuthorizationHeaderValue);
        Assert.Null(search?.KeyId);
    }

    [Theory]
    [InlineData("\"sk-trim\\n\"")]
    [InlineData("\"  sk-trim\\r\\n\"")]
    [InlineData("\"\\tsk-trim \"")]
    [InlineData("{\"api_key\": \"sk-trim\\n\"}")]
    public void GetKey_ValueWithWhitespace_Trimmed(string entry)
    {
        File.WriteAllText(KeyFile, "{\"creds/rag\": " + entry + "}");
        using var provider = NewProvider();

        Assert.Equal("Bearer sk-trim", provider.GetKey("creds/rag")?.AuthorizationHeaderValue);
    }

    [Fact]
    public void GetKey_DefaultWithNewline_Trimmed()
    {
        using var provider = NewProvider(defaultKey: "sk-default\n");

        Assert.Equal("Bearer sk-default", provider.GetKey("creds/any")?.AuthorizationHeaderValue);
    }

    [Fact]
    public void GetKey_UnknownRefWithDefault_ReturnsDefault()
    {
        File.WriteAllText(KeyFile, """{"creds/rag": "sk-rag"}""");
        using var provider = NewProvider(defaultKey: "sk-default");

        var key = provider.GetKey("creds/other");

        Assert.Equal("(default)", key?.KeyRef);
        Assert.Equal("Bearer sk-default", key?.AuthorizationHeaderValue);
        Assert.Equal("Bearer sk-rag", provider.GetKey("creds/rag")?.AuthorizationHeaderValue);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void GetKey_UnknownRefWithoutDefault_ReturnsNull(string? defaultKey)
    {
        File.WriteAllText(KeyFile, """{"creds/rag": "sk-rag"}""");
        using var provider = NewProvider(defaultKey);

        Assert.Null(provider.GetKey("creds/other"));
        Assert.Null(provider.GetKey("CREDS/RAG"));
    }

    [Fact]
    public void GetKey_NoFile_OnlyDefault()
    {
        using var provider = NewProvider(defaultKey: "sk-default");

        Assert.Equal("(default)", provider.GetKey("creds/rag")?.KeyRef);
    }

    [Fact]
    public void GetKey_NoFileNoDefault_Null()
    {
        using var provider = NewProvider();

        Assert.Null(provider.GetKey("creds/rag"));
    }

    [Theory]
    [InlineData("""{"creds/rag": "sk-SECRET-VALUE-9876" """)]
    [InlineData("""{"creds/rag": sk-SECRET-VALUE-9876}""")]
    [InlineData("""{"creds/rag": 'sk-SECRET-VALUE-9876'}""")]
    [InlineData("""sk-SECRET-VALUE-9876""")]
    [InlineData("""{"creds/rag": "sk-SECRET-VALUE-9876",, }""")]
    public void Constructor_MalformedFile_ThrowsInvalidDataWithoutContent(string content)
    {
        File.WriteAllText(KeyFile, content);

        var ex = Assert.Throws<InvalidDataException>(() => NewProvider());

        Assert.Contains(KeyFile, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", ex.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""["sk-SECRET-VALUE-9876"]""")]
    [InlineData("\"sk-SECRET-VALUE-9876\"")]
    public void Constructor_RootNotObject_ThrowsInvalidDataWithoutContent(string content)
    {
        File.WriteAllText(KeyFile, content);

        var ex = Assert.Throws<InvalidDataException>(() => NewProvider());

        Assert.DoesNotContain("SECRET", ex.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"creds/rag": 12345678}""")]
    [InlineData("""{"creds/rag": {"key": "sk-SECRET-VALUE-9876"}}""")]
    [InlineData("""{"creds/rag": {"api_key": 5, "key_id": "SECRET-id"}}""")]
    [InlineData("""{"creds/rag": ""}""")]
    [InlineData("""{"creds/rag": null}""")]
    [InlineData("""{"creds/rag": ["sk-SECRET-VALUE-9876"]}""")]
    public void Constructor_EntryWithoutKey_ThrowsNamingEntry(string content)
    {
        File.WriteAllText(KeyFile, content);

        var ex = Assert.Throws<InvalidDataException>(() => NewProvider());

        Assert.Contains("'creds/rag'", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", ex.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("12345678", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UpstreamKey_ToString_NeverContainsValue()
    {
        File.WriteAllText(KeyFile, """{"creds/rag": {"api_key": "sk-SECRET-VALUE-9876", "key_id": "key_abc"}}""");
        using var provider = NewProvider(defaultKey: "sk-DEFAULT-SECRET");

        var key = provider.GetKey("creds/rag")!;
        var fallback = provider.GetKey("creds/other")!;

        Assert.DoesNotContain("SECRET", key.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("sk-", key.ToString(), StringComparison.Ordinal);
        Assert.Contains("creds/rag", key.ToString(), StringComparison.Ordinal);
        Assert.Contains("key_abc", key.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", fallback.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", $"{key} {fallback}", StringComparison.Ordinal);
    }

    [Fact]
    public void UpstreamKeyConstructor_BlankValue_Throws()
    {
        Assert.ThrowsAny<ArgumentException>(() => new UpstreamKey("creds/rag", " \n", null, null, DateTimeOffset.UnixEpoch));
    }

    [Fact]
    public void Reload_BrokenFile_KeepsOldKeys()
    {
        File.WriteAllText(KeyFile, """{"creds/rag": "sk-old"}""");
        using var provider = NewProvider();
        File.WriteAllText(KeyFile, """{"creds/rag": "sk-new" """);

        provider.Reload();

        Assert.Equal("Bearer sk-old", provider.GetKey("creds/rag")?.AuthorizationHeaderValue);
    }

    [Fact]
    public void Reload_InvalidEntry_KeepsOldKeys()
    {
        File.WriteAllText(KeyFile, """{"creds/rag": "sk-old"}""");
        using var provider = NewProvider();
        File.WriteAllText(KeyFile, """{"creds/rag": "sk-new", "creds/other": 5}""");

        provider.Reload();

        Assert.Equal("Bearer sk-old", provider.GetKey("creds/rag")?.AuthorizationHeaderValue);
        Assert.Null(provider.GetKey("creds/other"));
    }

    [Fact]
    public void Reload_ValidChange_AppliesNewKeys()
    {
        File.WriteAllText(KeyFile, """{"creds/rag": "sk-old"}""");
        using var provider = NewProvider();
        _time.Advance(TimeSpan.FromHours(1));
        File.WriteAllText(KeyFile, """{"creds/rag": {"api_key": "sk-new", "key_id": "k2"}, "creds/search": "sk-s"}""");

        provider.Reload();

        var rag = provider.GetKey("creds/rag");
        Assert.Equal("Bearer sk-new", rag?.AuthorizationHeaderValue);
        Assert.Equal("k2", rag?.KeyId);
        Assert.Equal(_time.GetUtcNow(), rag?.LoadedAt);
        Assert.Equal("Bearer sk-s", provider.GetKey("creds/search")?.AuthorizationHeaderValue);
    }

    [Fact]
    public void Reload_FileDeleted_KeysGoneDefaultRemains()
    {
        File.WriteAllText(KeyFile, """{"creds/rag": "sk-old"}""");
        using var provider = NewProvider(defaultKey: "sk-default");
        File.Delete(KeyFile);

        provider.Reload();

        Assert.Equal("(default)", provider.GetKey("creds/rag")?.KeyRef);
    }
}

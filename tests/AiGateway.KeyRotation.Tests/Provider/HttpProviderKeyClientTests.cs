using AiGateway.KeyRotation.Provider;
using AiGateway.KeyRotation.Tests.Infrastructure;

namespace AiGateway.KeyRotation.Tests.Provider;

/// <summary>The provider client against the simulator's key-management API.</summary>
public sealed class HttpProviderKeyClientTests : IAsyncLifetime
{
    private RotationTestEnvironment _env = null!;

    public async Task InitializeAsync() => _env = await RotationTestEnvironment.StartAsync();

    public async Task DisposeAsync() => await _env.DisposeAsync();

    [Fact]
    public async Task CreateKeyAsync_AdminKey_ReturnsLiveKeyWithRedactedToString()
    {
        var key = await _env.Provider().CreateKeyAsync("rag-production", CancellationToken.None);

        Assert.True(_env.Simulator.Keys.IsActive(key.Value));
        Assert.Equal(key.Id, _env.Simulator.Keys.FindId(key.Value));
        Assert.Equal("rag-production", _env.Simulator.Keys.List().Single(k => k.Id == key.Id).Name);
        Assert.DoesNotContain(key.Value, key.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RevokeKeyAsync_KnownKey_KeyStopsWorking()
    {
        var provider = _env.Provider();
        var key = await provider.CreateKeyAsync("rag-production", CancellationToken.None);

        await provider.RevokeKeyAsync(key.Id, CancellationToken.None);

        Assert.False(_env.Simulator.Keys.IsActive(key.Value));
    }

    [Fact]
    public async Task RevokeKeyAsync_UnknownKey_Throws404()
    {
        var error = await Assert.ThrowsAsync<ProviderKeyException>(() => _env.Provider().RevokeKeyAsync("key_nope", CancellationToken.None));

        Assert.Equal(404, error.StatusCode);
    }

    [Fact]
    public async Task CreateKeyAsync_WrongAdminKey_Throws401WithoutEchoingTheKey()
    {
        const string Wrong = "sk-sim-not-the-admin-key-0123456789";

        var error = await Assert.ThrowsAsync<ProviderKeyException>(() => _env.Provider(Wrong).CreateKeyAsync("x", CancellationToken.None));

        Assert.Equal(401, error.StatusCode);
        Assert.Equal("invalid_api_key", error.ErrorCode);
        Assert.Contains("Provider:AdminKeyFile", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Wrong[..6], error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateKeyAsync_ProviderUnreachable_ThrowsStatusZero()
    {
        using var http = new HttpClient { BaseAddress = new Uri("http://127.0.0.1:1/v1/") };
        var provider = new HttpProviderKeyClient(http, "admin");

        var error = await Assert.ThrowsAsync<ProviderKeyException>(() => provider.CreateKeyAsync("x", CancellationToken.None));

        Assert.Equal(0, error.StatusCode);
    }
}

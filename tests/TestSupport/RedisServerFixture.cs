using AiGateway.Storage.Redis;

namespace AiGateway.TestSupport;

/// <summary>One real redis-server per test class (xunit class fixture); each test takes its own key prefix.</summary>
public sealed class RedisServerFixture : IAsyncLifetime
{
    public RedisServer Server { get; private set; } = null!;

    /// <summary>Options for this server with a key prefix no other test uses.</summary>
    public RedisOptions NewOptions() => NewOptions(Server);

    public static RedisOptions NewOptions(RedisServer server) => new()
    {
        Configuration = server.Configuration,
        KeyPrefix = "t" + Guid.NewGuid().ToString("N"),
    };

    public async Task InitializeAsync() => Server = await RedisServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (Server is not null) // null when it failed to start
        {
            await Server.DisposeAsync();
        }
    }
}

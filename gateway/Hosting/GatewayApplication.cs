using AiGateway.Admin;
using AiGateway.Keys;
using AiGateway.Keys.Vault;
using AiGateway.Policies;
using AiGateway.Storage.Redis;
using AiGateway.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace AiGateway.Hosting;

/// <summary>Builds the gateway application; used by <c>Program</c> and by tests that host it on loopback.</summary>
public static class GatewayApplication
{
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddGateway();
        configure?.Invoke(builder);
        // After the caller's configuration: whether tracing is registered at all depends on the final settings.
        builder.AddGatewayTracing();
        var app = builder.Build();
        // The Prometheus export listens before anything records; the Redis and Vault counters exist (at 0) from the
        // first scrape even when unused, so alerts on them have a series to watch.
        _ = app.Services.GetRequiredService<PrometheusMeterExport>();
        _ = app.Services.GetRequiredService<GatewayMetrics>();
        _ = app.Services.GetRequiredService<RedisMetrics>();
        _ = app.Services.GetRequiredService<VaultMetrics>();
        app.MapGateway();

        // Load policies, keys and the admin credential now, so a bad file stops start-up with its errors
        // instead of failing the first request.
        _ = app.Services.GetRequiredService<IPolicyProvider>();
        _ = app.Services.GetRequiredService<IUpstreamKeyProvider>();
        _ = app.Services.GetRequiredService<AdminBootstrapToken>();
        // With Redis this opens the connection and subscribes, so the first request does not pay for it.
        _ = app.Services.GetRequiredService<Auth.ITokenStore>();
        return app;
    }
}

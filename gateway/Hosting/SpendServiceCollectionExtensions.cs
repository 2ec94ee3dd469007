using AiGateway.Limits;
using AiGateway.Policies;
using AiGateway.Spend;
using AiGateway.Storage;
using AiGateway.Storage.Redis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiGateway.Hosting;

/// <summary>Registers budgets, breakers and the ledger: Redis when configured, else the embedded store in the data folder.</summary>
internal static class SpendServiceCollectionExtensions
{
    public static void AddSpend(IServiceCollection services)
    {
        services.AddSingleton<SpendMetrics>();
        services.AddSingleton<SpendBreakerActions>();
        services.AddSingleton(sp => new LedgerSpool(sp.GetRequiredService<DataDirectory>()));
        services.AddSingleton(sp => new RedisSpendStore(sp.GetRequiredService<RedisConnection>()));
        services.AddSingleton<ISpendStore>(sp =>
        {
            var time = sp.GetRequiredService<TimeProvider>();
            var redis = sp.GetRequiredService<IOptions<RedisOptions>>().Value;
            if (!redis.Enabled)
            {
                return new EmbeddedSpendStore(time, sp.GetRequiredService<DataDirectory>());
            }
            var spool = sp.GetRequiredService<LedgerSpool>();
            sp.GetRequiredService<SpendMetrics>().ObserveSpool(spool);
            return new ResilientSpendStore(sp.GetRequiredService<RedisSpendStore>(), new EmbeddedSpendStore(time, local: true), spool,
                redis, sp.GetRequiredService<ILogger<ResilientSpendStore>>());
        });
        services.AddHostedService(sp => new LedgerSpoolReplayer(sp.GetRequiredService<LedgerSpool>(),
            sp.GetRequiredService<IOptions<RedisOptions>>().Value.Enabled ? sp.GetRequiredService<RedisSpendStore>() : null,
            sp.GetRequiredService<IPolicyProvider>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<LedgerSpoolReplayer>>()));
    }
}

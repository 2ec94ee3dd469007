using AiGateway.Admin;
using AiGateway.Auth;
using AiGateway.Auth.Redis;
using AiGateway.Keys;
using AiGateway.Keys.Vault;
using AiGateway.Limits;
using AiGateway.Limits.Estimation;
using AiGateway.Storage.Redis;
using AiGateway.Policies;
using AiGateway.Proxy;
using AiGateway.Storage;
using AiGateway.Telemetry;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;

namespace AiGateway.Hosting;

/// <summary>Composition root: registers every feature. Wiring only; behaviour lives in the feature folders.</summary>
public static class GatewayServiceCollectionExtensions
{
    public static WebApplicationBuilder AddGateway(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<AuditLog>();
        AddTelemetry(services);

        AddValidatedOptions<ProxyOptions, ProxyOptionsValidator>(services, ProxyOptions.SectionName);
        AddValidatedOptions<UpstreamOptions, UpstreamOptionsValidator>(services, UpstreamOptions.SectionName);
        AddValidatedOptions<AuthOptions, AuthOptionsValidator>(services, AuthOptions.SectionName);
        AddValidatedOptions<AdminOptions, AdminOptionsValidator>(services, AdminOptions.SectionName);
        services.AddOptions<PoliciesOptions>().BindConfiguration(PoliciesOptions.SectionName);
        services.AddOptions<KeysOptions>().BindConfiguration(KeysOptions.SectionName).ValidateOnStart();
        services.AddSingleton<ListenerUrlsValidator>();
        services.AddSingleton<IValidateOptions<ProxyOptions>>(sp => sp.GetRequiredService<ListenerUrlsValidator>());
        services.AddSingleton<IValidateOptions<AdminOptions>>(sp => sp.GetRequiredService<ListenerUrlsValidator>());

        AddListeners(services);
        services.AddSingleton(sp => new DataDirectory(Path.GetFullPath(
            sp.GetRequiredService<IOptions<ProxyOptions>>().Value.DataPath, sp.GetRequiredService<IHostEnvironment>().ContentRootPath)));

        AddAuth(services);
        AddPolicies(services);
        AddKeys(services);
        AddAdmin(services);
        AddLimits(services);
        SpendServiceCollectionExtensions.AddSpend(services);
        AddProxy(services);

        services.AddHealthChecks().AddCheck<GatewayReadinessCheck>("gateway", tags: ["ready"]);
        return builder;
    }

    private static void AddValidatedOptions<TOptions, TValidator>(IServiceCollection services, string section)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        services.AddOptions<TOptions>().BindConfiguration(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TOptions>, TValidator>();
    }

    /// <summary>
    /// Metrics classes and the Prometheus export; tracing is added by <see cref="GatewayTracing"/> once configuration
    /// is complete, because whether it exists at all depends on it.
    /// </summary>
    private static void AddTelemetry(IServiceCollection services)
    {
        services.AddMetrics();
        services.AddSingleton<GatewayMetrics>();
        services.AddSingleton<RedisMetrics>();
        services.AddSingleton<VaultMetrics>();
        services.AddSingleton<PrometheusMeterExport>();
        AddValidatedOptions<TelemetryOptions, TelemetryOptionsValidator>(services, TelemetryOptions.SectionName);
    }

    private static void AddListeners(IServiceCollection services)
    {
        services.AddSingleton<ListenerAddresses>();
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<ProxyOptions>, IOptions<AdminOptions>, ListenerAddresses>((kestrel, proxy, admin, addresses) =>
        {
            kestrel.AddServerHeader = false;
            // The proxy enforces its own limit (413 in OpenAI shape); Kestrel allows a little more so an
            // oversized body can be drained and the client sees that 413 instead of a reset connection.
            kestrel.Limits.MaxRequestBodySize = proxy.Value.MaxRequestBodyBytes + 1L + RequestInspectionMiddleware.DrainAllowanceBytes;
            KestrelListeners.Bind(kestrel, proxy.Value.Urls, ListenerKind.Proxy, addresses);
            KestrelListeners.Bind(kestrel, admin.Value.Urls, ListenerKind.Admin, addresses);
        });
    }

    private static void AddAuth(IServiceCollection services)
    {
        services.AddSingleton(sp =>
        {
            var configured = sp.GetRequiredService<IOptions<AuthOptions>>().Value.TokenHashKey;
            var key = !string.IsNullOrWhiteSpace(configured)
                ? configured
                : AtomicFile.ReadOrCreateSecret(sp.GetRequiredService<DataDirectory>().GetFilePath("token-hash.key"),
                    () => Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
            return new TokenHasher(Convert.FromBase64String(key));
        });
        services.AddSingleton<ITokenStore>(sp =>
        {
            var redis = sp.GetRequiredService<IOptions<RedisOptions>>().Value;
            return redis.Enabled
                ? new RedisTokenStore(sp.GetRequiredService<RedisConnection>(), sp.GetRequiredService<TimeProvider>(),
                    sp.GetRequiredService<ILogger<RedisTokenStore>>(), TimeSpan.FromMilliseconds(redis.TokenCacheMilliseconds),
                    sp.GetRequiredService<RedisMetrics>())
                : new EmbeddedTokenStore(sp.GetRequiredService<DataDirectory>());
        });
        services.AddSingleton<IValidateOptions<AuthOptions>, SharedStoreAuthValidator>();
        services.AddSingleton<TokenIssuer>();
        services.AddSingleton<CallerAuthenticator>();
    }

    private static void AddPolicies(IServiceCollection services)
    {
        services.AddSingleton<IPolicyProvider>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<PoliciesOptions>>().Value;
            var path = PolicyPathResolver.Resolve(options.Path, sp.GetRequiredService<IHostEnvironment>().ContentRootPath);
            return new FilePolicyProvider(path, options.ReloadOnChange, sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<FilePolicyProvider>>());
        });
    }

    private static void AddKeys(IServiceCollection services)
    {
        AddValidatedOptions<VaultOptions, VaultOptionsValidator>(services, VaultOptions.SectionName);
        services.AddSingleton(sp => new VaultConnection(sp.GetRequiredService<IOptions<VaultOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton<VaultUpstreamKeyProvider>();
        services.AddSingleton<IUpstreamKeyProvider>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<KeysOptions>>().Value;
            if (options.Provider == KeyProviderKind.Vault)
            {
                return sp.GetRequiredService<VaultUpstreamKeyProvider>();
            }
            var file = string.IsNullOrWhiteSpace(options.File)
                ? sp.GetRequiredService<DataDirectory>().GetFilePath("upstream-keys.json")
                : Path.GetFullPath(options.File, sp.GetRequiredService<IHostEnvironment>().ContentRootPath);
            var defaultKey = sp.GetRequiredService<IConfiguration>()[options.DefaultKeyVariable];
            return new FileUpstreamKeyProvider(file, defaultKey, sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<FileUpstreamKeyProvider>>());
        });
        services.AddHostedService<UpstreamKeyRefreshService>();
    }

    private static void AddAdmin(IServiceCollection services)
    {
        services.AddSingleton(sp => AdminBootstrap.Resolve(
            sp.GetRequiredService<IOptions<AdminOptions>>().Value, sp.GetRequiredService<DataDirectory>(),
            sp.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton<AdminCredentialStore>();
        services.AddSingleton<AdminAuthenticator>();
        // With one scheme registered ASP.NET makes it the default, and the admin credential check would then run
        // (and log a failed login) on every proxied API call. Each admin policy names the scheme, so admin
        // endpoints, and only those, are authenticated.
        AppContext.SetSwitch("Microsoft.AspNetCore.Authentication.SuppressAutoDefaultScheme", true);
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, AdminAuthenticationHandler>(AdminPolicies.Scheme, null);
        services.AddAuthorization(AdminPolicies.Configure);
    }

    private static void AddLimits(IServiceCollection services)
    {
        AddValidatedOptions<RedisOptions, RedisOptionsValidator>(services, RedisOptions.SectionName);
        services.AddSingleton(sp => new RedisConnection(sp.GetRequiredService<IOptions<RedisOptions>>().Value));
        services.AddSingleton<IAdmissionStore>(sp =>
        {
            var time = sp.GetRequiredService<TimeProvider>();
            var redis = sp.GetRequiredService<IOptions<RedisOptions>>().Value;
            if (!redis.Enabled)
            {
                return new EmbeddedAdmissionStore(time);
            }
            return new ResilientAdmissionStore(new RedisAdmissionStore(sp.GetRequiredService<RedisConnection>()),
                new EmbeddedAdmissionStore(time, local: true), redis, sp.GetRequiredService<RedisMetrics>(),
                sp.GetRequiredService<ILogger<ResilientAdmissionStore>>());
        });
        services.AddOptions<PromptEstimatorOptions>().BindConfiguration(PromptEstimatorOptions.SectionName);
        services.AddSingleton<PromptEstimatorSelector>();
        services.AddSingleton<IRequestCostEstimator, RequestCostEstimator>();
    }

    private static void AddProxy(IServiceCollection services)
    {
        // The route table is fixed; the upstream address and timeouts come from validated options, read
        // when the proxy first builds its config (so configuration added after AddGateway still applies).
        services.AddReverseProxy().AddTransforms<GatewayTransformProvider>();
        services.AddSingleton<IProxyConfigProvider>(sp => new InMemoryConfigProvider(
            ProxyRouteTable.Routes, ProxyRouteTable.Clusters(sp.GetRequiredService<IOptions<UpstreamOptions>>().Value)));
        services.AddSingleton<IForwarderHttpClientFactory, UpstreamHttpClientFactory>();
    }
}

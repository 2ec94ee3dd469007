using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AiGateway.VaultDouble;

/// <summary>
/// Builds the double's web host. The standalone program and <see cref="VaultTestDouble.StartAsync"/> both come
/// through <see cref="Build"/>, so tests exercise exactly what a developer runs.
/// </summary>
internal static class VaultDoubleApp
{
    /// <summary>Where the standalone double listens without <c>--urls</c>: Vault's own default port, on loopback.</summary>
    public const string DefaultUrl = "http://127.0.0.1:8200";

    /// <summary>
    /// Builds (does not start) a double. With <paramref name="options"/> null, options come from the
    /// <c>VaultDouble</c> configuration section (appsettings.json, <c>VaultDouble__*</c> environment variables, the
    /// command line, <c>--policies</c>) and a <c>--seed-file</c> is applied.
    /// </summary>
    public static VaultDoubleHost Build(string[] args, VaultDoubleOptions? options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(time);

        // Slim builder: none of the hosting features the double does not use, so a test starts one quickly.
        // Content root = output folder, so appsettings.json is found whatever directory `dotnet run` starts in.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddCommandLine(args, VaultDoubleOptionsBinder.SwitchMappings);
        var section = builder.Configuration.GetSection(VaultDoubleOptions.SectionName);
        var state = new VaultDoubleState(options ?? VaultDoubleOptionsBinder.Bind(section), time);

        // Loopback unless told otherwise: the double has a well-known root token and no TLS.
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey])
            && string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.HttpPortsKey]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        if (options is null)
        {
            builder.Logging.AddFilter("AiGateway.VaultDouble", LogLevel.Information);
        }

        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(5));
        builder.Services.AddSingleton(state);
        builder.Services.AddSingleton<VaultDispatcher>();
        builder.Services.AddSingleton<VaultEndpoint>();

        var app = builder.Build();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(VaultDoubleApp).FullName!);
        if (state.Options.PolicyDirectory is { } directory)
        {
            VaultDoubleLog.PoliciesLoaded(logger, state.LoadedPolicies.Count, Path.GetFullPath(directory), string.Join(", ", state.LoadedPolicies));
        }

        IReadOnlyList<(string, string, string)> seededRoles = [];
        if (options is null && builder.Configuration[VaultDoubleOptionsBinder.SeedFileKey] is { Length: > 0 } seedFile)
        {
            seededRoles = SeedFileLoader.Apply(state, seedFile, out var secrets);
            VaultDoubleLog.SeedLoaded(logger, secrets, seededRoles.Count, Path.GetFullPath(seedFile));
        }

        app.UseMiddleware<RequestRecordingMiddleware>();
        app.UseMiddleware<FaultInjectionMiddleware>();
        app.Run(app.Services.GetRequiredService<VaultEndpoint>().InvokeAsync);
        return new VaultDoubleHost(app, state, seededRoles);
    }
}

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AiGateway.UpstreamSimulator;

/// <summary>
/// Builds the simulator host. The standalone program and <see cref="UpstreamSimulator.StartAsync"/> both go
/// through <see cref="Build"/>, so tests exercise exactly what load tests run.
/// </summary>
public static class SimulatorApp
{
    /// <summary>Where the standalone simulator listens when no <c>--urls</c> (or <c>ASPNETCORE_URLS</c>) is given.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>
    /// Builds (does not start) the simulator. With <paramref name="options"/> null, options are bound from the
    /// <c>Simulator</c> configuration section (appsettings.json, <c>Simulator__*</c> environment variables, command line).
    /// </summary>
    public static WebApplication Build(string[] args, SimulatorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(args);

        // The slim builder skips hosting features the simulator never uses; less startup work per test.
        // Content root = the output folder, so appsettings.json is found whatever directory `dotnet run` starts in.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });
        var resolved = options ?? SimulatorOptionsBinder.Bind(builder.Configuration.GetSection(SimulatorOptions.SectionName));
        SimulatorOptionsValidator.ThrowIfInvalid(resolved);

        // Loopback unless told otherwise: /_sim has no authentication (see InspectionEndpoints).
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey])
            && string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.HttpPortsKey])
            && string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.HttpsPortsKey]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        // Warnings only: per-request logging would cost more than the simulated work under load.
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);

        // Open streams must not hold up a test's DisposeAsync for the default 30 s.
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(5));

        var state = new SimulatorState(resolved, TimeProvider.System);
        builder.Services.AddSingleton(state);

        // Load the tokenizer now rather than inside the first request's latency.
        _ = CompletionText.Piece(0);

        var app = builder.Build();
        app.MapSimulator(state);
        return app;
    }

    /// <summary>The start-up line: says plainly that this is a simulator, not a real provider.</summary>
    public static string DescribeListening(IEnumerable<string> urls)
    {
        ArgumentNullException.ThrowIfNull(urls);
        var bases = string.Join(", ", urls.Select(static url => url.TrimEnd('/') + SimulatorRoutes.ApiPrefix));
        return $"AiGateway upstream SIMULATOR (OpenAI-compatible test double, NOT a real provider) listening on {bases}";
    }
}

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace AiGateway.UpstreamSimulator;

/// <summary>
/// An OpenAI-compatible upstream simulator running in-process on a real socket: a test double for gateway tests,
/// demos and load tests, never a real provider. Start one per test with <see cref="StartAsync"/>.
/// </summary>
public sealed class UpstreamSimulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly SimulatorState _state;

    private UpstreamSimulator(WebApplication app, SimulatorState state, Uri rootUrl)
    {
        _app = app;
        _state = state;
        RootUrl = rootUrl;
        BaseUrl = new Uri(rootUrl.GetLeftPart(UriPartial.Authority) + SimulatorRoutes.ApiPrefix);
    }

    /// <summary>The OpenAI base URL, with <c>/v1</c> and no trailing slash (e.g. <c>http://127.0.0.1:PORT/v1</c>).</summary>
    public Uri BaseUrl { get; }

    /// <summary>The server root (e.g. <c>http://127.0.0.1:PORT</c>), where <c>/_sim</c> lives.</summary>
    public Uri RootUrl { get; }

    /// <summary>The live options; changes apply to the next request (keys excepted: use <see cref="Keys"/>).</summary>
    public SimulatorOptions Options => _state.Options;

    /// <summary>A snapshot of the recorded <c>/v1</c> requests, oldest first.</summary>
    public IReadOnlyList<ReceivedRequest> ReceivedRequests => _state.Requests.Snapshot();

    /// <summary>A snapshot of the usage records, one per completion or embedding response, oldest first.</summary>
    public IReadOnlyList<ReportedUsage> ReportedUsage => _state.Usage.Snapshot();

    /// <summary>Accepted and revoked upstream keys.</summary>
    public SimulatorKeyRegistry Keys => _state.Keys;

    /// <summary>
    /// Starts a simulator on <paramref name="url"/> (port 0 picks a free port). <paramref name="hostArgs"/> are
    /// host settings such as <c>--Kestrel:EndpointDefaults:Protocols=Http2</c> (HTTP/2 only, h2c).
    /// </summary>
    public static async Task<UpstreamSimulator> StartAsync(
        SimulatorOptions? options = null,
        string url = "http://127.0.0.1:0",
        CancellationToken cancellationToken = default,
        string[]? hostArgs = null)
    {
        var app = SimulatorApp.Build(hostArgs ?? [], options ?? new SimulatorOptions());
        try
        {
            app.Urls.Clear();
            app.Urls.Add(url);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);

            // Kestrel reports the bound address, with the real port when 0 was requested.
            var addresses = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
            var rootUrl = new Uri(addresses.First().TrimEnd('/'));
            return new UpstreamSimulator(app, app.Services.GetRequiredService<SimulatorState>(), rootUrl);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Clears the received requests, the usage records and the usage totals. Keys are kept.</summary>
    public void Reset() => _state.Reset();

    /// <summary>
    /// Completes once at least <paramref name="count"/> usage records exist since the last <see cref="Reset"/>.
    /// Use it after a client disconnect, where the simulator records usage only when it notices.
    /// </summary>
    public Task WaitForReportedUsageAsync(int count, CancellationToken cancellationToken = default) =>
        _state.Usage.WaitForCountAsync(count, cancellationToken);

    /// <summary>Stops the host (open streams get a few seconds) and releases the port.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}

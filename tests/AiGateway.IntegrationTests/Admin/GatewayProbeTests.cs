using System.Net;
using System.Net.Sockets;
using AiGateway.Hosting;
using AiGateway.IntegrationTests.Infrastructure;

namespace AiGateway.IntegrationTests.Admin;

/// <summary><c>AiGateway --probe url</c>, the container health check that needs no shell: 0 only for a 2xx answer.</summary>
public sealed class GatewayProbeTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Probe_HealthzOfARunningGateway_Succeeds_OtherAnswersFail()
    {
        await using var simulator = await UpstreamSimulator.UpstreamSimulator.StartAsync(GatewayHost.SimulatorOptions());
        await using var gateway = await GatewayHost.StartAsync(simulator.BaseUrl);
        using var errors = new StringWriter();

        var healthy = await GatewayProbe.RunAsync(new Uri(gateway.AdminUrl, "/healthz").ToString(), errors, Timeout);
        var notFound = await GatewayProbe.RunAsync(new Uri(gateway.AdminUrl, "/no-such-path").ToString(), errors, Timeout);

        Assert.Equal(0, healthy);
        Assert.Equal(1, notFound);
        Assert.Contains("answered 404", errors.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Probe_NothingListening_Fails()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop(); // a port that was just free: nothing answers there
        using var errors = new StringWriter();

        var code = await GatewayProbe.RunAsync($"http://127.0.0.1:{port}/healthz", errors, Timeout);

        Assert.Equal(1, code);
        Assert.Contains("did not answer", errors.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Probe_NotAnHttpUrl_Fails()
    {
        using var errors = new StringWriter();

        Assert.Equal(1, await GatewayProbe.RunAsync("127.0.0.1:8081/healthz", errors, Timeout));
        Assert.Contains("not an absolute http(s) URL", errors.ToString(), StringComparison.Ordinal);
    }
}

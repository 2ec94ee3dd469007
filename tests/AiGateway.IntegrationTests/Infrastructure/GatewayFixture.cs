namespace AiGateway.IntegrationTests.Infrastructure;

/// <summary>One simulator and one gateway shared by a test class; each test issues its own tokens.</summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    public UpstreamSimulator.UpstreamSimulator Simulator { get; private set; } = null!;

    public GatewayHost Gateway { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Simulator = await UpstreamSimulator.UpstreamSimulator.StartAsync(GatewayHost.SimulatorOptions());
        Gateway = await GatewayHost.StartAsync(Simulator.BaseUrl);
    }

    public async Task DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Simulator.DisposeAsync();
    }
}

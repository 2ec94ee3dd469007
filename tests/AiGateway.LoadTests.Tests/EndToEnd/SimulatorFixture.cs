using AiGateway.UpstreamSimulator;
using Sim = AiGateway.UpstreamSimulator.UpstreamSimulator;

namespace AiGateway.LoadTests.Tests;

/// <summary>An in-process simulator (a real socket on loopback) plus the runner's client for it.</summary>
internal sealed class SimulatorFixture : IAsyncDisposable
{
    public const string Key = "sk-sim-local";

    private SimulatorFixture(Sim simulator)
    {
        Simulator = simulator;
        Target = new LoadTarget("direct", simulator.BaseUrl, Key);
    }

    public Sim Simulator { get; }

    public LoadTarget Target { get; }

    public HttpMessageInvoker Client { get; } = LoadHttpClientFactory.Create();

    public static async Task<SimulatorFixture> StartAsync(int outputTokens = 8) =>
        new(await Sim.StartAsync(new SimulatorOptions { RecordRequests = false, OutputTokens = outputTokens }));

    public Scenario Scenario(RequestKind kind, LoadTarget? target = null) =>
        OpenAiScenarios.Create(kind.ToString(), Client, target ?? Target, new OpenAiScenarioOptions { Kind = kind, MaxTokens = 64 });

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Simulator.DisposeAsync();
    }
}

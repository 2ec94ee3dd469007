using AiGateway.Keys.Vault;
using Microsoft.Extensions.Hosting;

namespace AiGateway.Keys;

/// <summary>Runs the Vault key refresh loop for the life of the host; does nothing for the file provider, which watches its file.</summary>
internal sealed class UpstreamKeyRefreshService : BackgroundService
{
    private readonly IUpstreamKeyProvider _provider;

    public UpstreamKeyRefreshService(IUpstreamKeyProvider provider) => _provider = provider;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        _provider is VaultUpstreamKeyProvider vault ? vault.RunAsync(stoppingToken) : Task.CompletedTask;
}

using AiGateway.Keys.Vault;
using Microsoft.Extensions.Hosting;

namespace AiGateway.Keys;

/// <summary>
/// Loads every Vault-held key before the host reports started (so the first requests find them), then runs
/// the refresh loop for the life of the host. Does nothing for the file provider, which watches its file.
/// </summary>
internal sealed class UpstreamKeyRefreshService : BackgroundService
{
    private readonly IUpstreamKeyProvider _provider;

    public UpstreamKeyRefreshService(IUpstreamKeyProvider provider) => _provider = provider;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_provider is VaultUpstreamKeyProvider vault)
        {
            // Failures are recorded (readiness shows them), never thrown: a Vault outage must not stop start-up.
            await vault.RefreshAllAsync(cancellationToken).ConfigureAwait(false);
        }
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        _provider is VaultUpstreamKeyProvider vault ? vault.RunAsync(stoppingToken) : Task.CompletedTask;
}

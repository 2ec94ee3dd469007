using AiGateway.Keys.Vault;
using AiGateway.KeyRotation.Provider;
using AiGateway.KeyRotation.Rotation;
using Microsoft.Extensions.Logging;

namespace AiGateway.KeyRotation.Hosting;

/// <summary>
/// Composition root of one tool run: the shared Vault connection, the provider client (rotate only) and the
/// rotation core. Owns and disposes the connections.
/// </summary>
internal sealed class RotationToolServices : IDisposable
{
    private readonly VaultConnection _vault;
    private readonly HttpClient? _providerHttp;

    private RotationToolServices(VaultConnection vault, HttpClient? providerHttp, KeyInventory inventory, KeyRotator? rotator, DueRotationRunner? due)
    {
        _vault = vault;
        _providerHttp = providerHttp;
        Inventory = inventory;
        Rotator = rotator;
        Due = due;
    }

    public KeyInventory Inventory { get; }

    /// <summary>Null when created without the provider (<c>status</c>).</summary>
    public KeyRotator? Rotator { get; }

    public DueRotationRunner? Due { get; }

    /// <summary>Call with settings that passed <see cref="ToolSettingsValidator"/>.</summary>
    public static RotationToolServices Create(ToolSettings settings, bool withProvider, TimeProvider time, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var vault = new VaultConnection(settings.Vault, time, loggerFactory);
        var inventory = new KeyInventory(vault.Client, settings.Rotation, time);
        if (!withProvider)
        {
            return new RotationToolServices(vault, null, inventory, null, null);
        }
        var http = new HttpClient
        {
            BaseAddress = new Uri(settings.Provider.BaseUrl.TrimEnd('/') + "/"),
            Timeout = TimeSpan.FromSeconds(settings.Provider.TimeoutSeconds),
        };
        var provider = new HttpProviderKeyClient(http, ToolSettingsValidator.ReadAdminKey(settings.Provider));
        var rotator = new KeyRotator(vault.Client, provider, time, settings.Rotation, loggerFactory.CreateLogger<KeyRotator>());
        var due = new DueRotationRunner(inventory, rotator, loggerFactory.CreateLogger<DueRotationRunner>());
        return new RotationToolServices(vault, http, inventory, rotator, due);
    }

    public void Dispose()
    {
        _providerHttp?.Dispose();
        _vault.Dispose();
    }
}

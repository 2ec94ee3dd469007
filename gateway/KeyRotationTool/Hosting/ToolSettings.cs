using AiGateway.Keys.Vault;
using AiGateway.KeyRotation.Rotation;
using Microsoft.Extensions.Configuration;

namespace AiGateway.KeyRotation.Hosting;

/// <summary>The tool's three configuration sections, bound once at start.</summary>
internal sealed class ToolSettings
{
    public required VaultOptions Vault { get; init; }

    public required ProviderOptions Provider { get; init; }

    public required RotationOptions Rotation { get; init; }

    /// <summary>Binds the sections; a value of the wrong type throws <see cref="InvalidOperationException"/> naming the setting.</summary>
    public static ToolSettings Bind(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var rotation = configuration.GetSection(RotationOptions.SectionName).Get<RotationOptions>() ?? new RotationOptions();
        if (string.IsNullOrWhiteSpace(rotation.Actor))
        {
            rotation.Actor = Environment.UserName;
        }
        return new ToolSettings
        {
            Vault = configuration.GetSection(VaultOptions.SectionName).Get<VaultOptions>() ?? new VaultOptions(),
            Provider = configuration.GetSection(ProviderOptions.SectionName).Get<ProviderOptions>() ?? new ProviderOptions(),
            Rotation = rotation,
        };
    }
}

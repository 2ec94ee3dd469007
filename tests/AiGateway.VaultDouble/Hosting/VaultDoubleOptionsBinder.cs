using Microsoft.Extensions.Configuration;

namespace AiGateway.VaultDouble;

/// <summary>Binds <see cref="VaultDoubleOptions"/> for the standalone host.</summary>
internal static class VaultDoubleOptionsBinder
{
    /// <summary>The seed-file setting (standalone only): <c>VaultDouble:SeedFile</c>, or <c>--seed-file</c>.</summary>
    public const string SeedFileKey = VaultDoubleOptions.SectionName + ":SeedFile";

    /// <summary>Short command-line switches for the two settings people pass by hand.</summary>
    public static Dictionary<string, string> SwitchMappings { get; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["--policies"] = VaultDoubleOptions.SectionName + ":" + nameof(VaultDoubleOptions.PolicyDirectory),
        ["--seed-file"] = SeedFileKey,
    };

    public static VaultDoubleOptions Bind(IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var options = new VaultDoubleOptions();
        section.Bind(options);

        // The binder appends configured items to a list that already holds the default, so KvV2Mounts__0=kv would
        // leave "holysheepai" mounted too. A configured list replaces the default.
        if (section.GetSection(nameof(VaultDoubleOptions.KvV2Mounts)).Get<string[]>() is { Length: > 0 } mounts)
        {
            options.KvV2Mounts = [.. mounts];
        }

        return options;
    }
}

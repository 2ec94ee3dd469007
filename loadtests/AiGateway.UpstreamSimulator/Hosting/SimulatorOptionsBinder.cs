using Microsoft.Extensions.Configuration;

namespace AiGateway.UpstreamSimulator;

/// <summary>Binds <see cref="SimulatorOptions"/> from configuration for the standalone host.</summary>
internal static class SimulatorOptionsBinder
{
    public static SimulatorOptions Bind(IConfigurationSection section)
    {
        var options = new SimulatorOptions();
        section.Bind(options);

        // The binder appends configured list items to a list that already has defaults, so
        // Simulator__Keys__0=... would leave "sk-sim-local" accepted too. Configured lists replace the defaults.
        if (section.GetSection(nameof(SimulatorOptions.Keys)).Get<string[]>() is { Length: > 0 } keys)
        {
            options.Keys = [.. keys];
        }

        if (section.GetSection(nameof(SimulatorOptions.Models)).Get<string[]>() is { Length: > 0 } models)
        {
            options.Models = [.. models];
        }

        return options;
    }
}

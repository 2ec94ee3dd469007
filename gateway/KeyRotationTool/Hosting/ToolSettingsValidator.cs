using AiGateway.Keys.Vault;

namespace AiGateway.KeyRotation.Hosting;

/// <summary>
/// Checks every setting before the tool touches Vault or the provider, collecting all errors; each message
/// names the setting to fix. The Vault section is checked by the gateway's own validator, so both accept
/// exactly the same settings.
/// </summary>
internal static class ToolSettingsValidator
{
    private const int MaxGraceSeconds = 86_400;

    /// <summary>All configuration errors; the provider section only when <paramref name="needsProvider"/> (<c>status</c> needs Vault alone).</summary>
    public static IReadOnlyList<string> Validate(ToolSettings settings, bool needsProvider)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var errors = new List<string>();
        errors.AddRange(VaultOptionsValidator.Check(settings.Vault));

        var rotation = settings.Rotation;
        if (rotation.GraceSeconds is < 0 or > MaxGraceSeconds)
        {
            errors.Add($"Rotation:GraceSeconds must be between 0 and {MaxGraceSeconds} (default 180; keep it above the gateway's Vault:RefreshSeconds).");
        }
        if (rotation.DefaultMaxAgeDays is < 1 or > 3650)
        {
            errors.Add("Rotation:DefaultMaxAgeDays must be between 1 and 3650 (default 90).");
        }
        if (string.IsNullOrWhiteSpace(rotation.Actor))
        {
            errors.Add("Rotation:Actor is empty and the OS user name is unknown: set it to who runs the rotation (e.g. the CronJob's name).");
        }

        if (needsProvider)
        {
            ValidateProvider(settings.Provider, errors);
        }
        return errors;
    }

    /// <summary>Reads the admin key (file first); call after <see cref="Validate"/> succeeded.</summary>
    public static string ReadAdminKey(ProviderOptions provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        return !string.IsNullOrWhiteSpace(provider.AdminKeyFile) ? File.ReadAllText(provider.AdminKeyFile).Trim() : provider.AdminKey!.Trim();
    }

    private static void ValidateProvider(ProviderOptions provider, List<string> errors)
    {
        if (!Uri.TryCreate(provider.BaseUrl, UriKind.Absolute, out var baseUrl) || (baseUrl.Scheme != Uri.UriSchemeHttps && baseUrl.Scheme != Uri.UriSchemeHttp))
        {
            errors.Add("Provider:BaseUrl must be the provider's API base with its version path, e.g. https://api.holysheep.ai/v1.");
        }
        if (provider.TimeoutSeconds is < 1 or > 300)
        {
            errors.Add("Provider:TimeoutSeconds must be between 1 and 300 (default 30).");
        }
        if (!string.IsNullOrWhiteSpace(provider.AdminKeyFile))
        {
            if (!File.Exists(provider.AdminKeyFile))
            {
                errors.Add($"Provider:AdminKeyFile '{provider.AdminKeyFile}' does not exist.");
            }
            else if (string.IsNullOrWhiteSpace(File.ReadAllText(provider.AdminKeyFile)))
            {
                errors.Add($"Provider:AdminKeyFile '{provider.AdminKeyFile}' is empty.");
            }
        }
        else if (string.IsNullOrWhiteSpace(provider.AdminKey))
        {
            errors.Add("Provider:AdminKeyFile (preferred) or Provider:AdminKey must hold the provider's key-management credential.");
        }
    }
}

using Microsoft.Extensions.Options;

namespace AiGateway.Keys.Vault;

/// <summary>Checks the Vault settings when the Vault key provider is selected; each message names the setting to fix.</summary>
internal sealed class VaultOptionsValidator : IValidateOptions<VaultOptions>
{
    private readonly IOptions<KeysOptions> _keys;

    public VaultOptionsValidator(IOptions<KeysOptions> keys) => _keys = keys;

    public ValidateOptionsResult Validate(string? name, VaultOptions options)
    {
        if (_keys.Value.Provider != KeyProviderKind.Vault)
        {
            return ValidateOptionsResult.Success;
        }
        var errors = Check(options);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>Every problem with <paramref name="options"/>, each naming the setting; shared with the rotation tool.</summary>
    public static List<string> Check(VaultOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (!Uri.TryCreate(options.Address, UriKind.Absolute, out var address) || (address.Scheme != Uri.UriSchemeHttps && address.Scheme != Uri.UriSchemeHttp))
        {
            errors.Add("Vault:Address must be the Vault URL, e.g. https://vault.internal:8200 (env Vault__Address).");
        }
        if (string.IsNullOrWhiteSpace(options.Mount))
        {
            errors.Add("Vault:Mount must name the KV v2 mount holding upstream keys (default holysheepai).");
        }
        if (options.CaCertFile is not null && !File.Exists(options.CaCertFile))
        {
            errors.Add($"Vault:CaCertFile '{options.CaCertFile}' does not exist.");
        }
        if (options.TimeoutSeconds is < 1 or > 300)
        {
            errors.Add("Vault:TimeoutSeconds must be between 1 and 300.");
        }
        if (options.RefreshSeconds is < 1 or > 86400)
        {
            errors.Add("Vault:RefreshSeconds must be between 1 and 86400.");
        }
        if (options.StaleGraceSeconds < options.RefreshSeconds)
        {
            errors.Add("Vault:StaleGraceSeconds must be at least Vault:RefreshSeconds, or every refresh hiccup would stop traffic.");
        }
        var auth = options.Auth;
        switch (auth.Method)
        {
            case VaultAuthMethod.Token when string.IsNullOrWhiteSpace(auth.Token) && string.IsNullOrWhiteSpace(auth.TokenFile):
                errors.Add("Vault:Auth:Method is Token: set Vault:Auth:TokenFile (preferred) or Vault:Auth:Token.");
                break;
            case VaultAuthMethod.AppRole when string.IsNullOrWhiteSpace(auth.RoleId) && string.IsNullOrWhiteSpace(auth.RoleIdFile):
                errors.Add("Vault:Auth:Method is AppRole: set Vault:Auth:RoleIdFile or Vault:Auth:RoleId, and Vault:Auth:SecretIdFile.");
                break;
            case VaultAuthMethod.AppRole when string.IsNullOrWhiteSpace(auth.SecretIdFile):
                errors.Add("Vault:Auth:Method is AppRole: set Vault:Auth:SecretIdFile to the file holding the secret_id.");
                break;
            case VaultAuthMethod.Kubernetes when string.IsNullOrWhiteSpace(auth.Role):
                errors.Add("Vault:Auth:Method is Kubernetes: set Vault:Auth:Role to the Vault role bound to this service account.");
                break;
        }
        foreach (var (setting, file) in new[] { ("Vault:Auth:TokenFile", auth.TokenFile), ("Vault:Auth:RoleIdFile", auth.RoleIdFile), ("Vault:Auth:SecretIdFile", auth.SecretIdFile) })
        {
            if (file is not null && !File.Exists(file))
            {
                errors.Add($"{setting} '{file}' does not exist.");
            }
        }
        return errors;
    }
}

using Microsoft.Extensions.Options;

namespace AiGateway.Admin;

internal sealed class AdminOptionsValidator : IValidateOptions<AdminOptions>
{
    public ValidateOptionsResult Validate(string? name, AdminOptions options)
    {
        var errors = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.BootstrapToken) && options.BootstrapToken.Trim().Length < 24)
        {
            errors.Add("Admin:BootstrapToken must be at least 24 characters of random text (for example: openssl rand -base64 32), or unset to have one generated.");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

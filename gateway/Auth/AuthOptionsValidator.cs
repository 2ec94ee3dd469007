using Microsoft.Extensions.Options;

namespace AiGateway.Auth;

internal sealed class AuthOptionsValidator : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var errors = new List<string>();
        if (options.TokenHashKey is { Length: > 0 } key)
        {
            var buffer = new byte[key.Length];
            if (!Convert.TryFromBase64String(key, buffer, out var length) || length < 32)
            {
                errors.Add("Auth:TokenHashKey must be base64 of at least 32 random bytes (for example: openssl rand -base64 32).");
            }
        }
        if (options.MaxExpiresInDays is < 1 or > 3650)
        {
            errors.Add("Auth:MaxExpiresInDays must be between 1 and 3650.");
        }
        if (options.DefaultExpiresInDays < 0 || options.DefaultExpiresInDays > options.MaxExpiresInDays)
        {
            errors.Add("Auth:DefaultExpiresInDays must be between 0 (no expiry) and Auth:MaxExpiresInDays.");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

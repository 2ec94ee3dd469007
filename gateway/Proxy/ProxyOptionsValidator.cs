using Microsoft.Extensions.Options;

namespace AiGateway.Proxy;

internal sealed class ProxyOptionsValidator : IValidateOptions<ProxyOptions>
{
    public ValidateOptionsResult Validate(string? name, ProxyOptions options)
    {
        var errors = new List<string>();
        if (options.MaxRequestBodyBytes is < 1024 or > 256 * 1024 * 1024)
        {
            errors.Add("Gateway:MaxRequestBodyBytes must be between 1024 and 268435456 (256 MiB).");
        }
        if (string.IsNullOrWhiteSpace(options.DataPath))
        {
            errors.Add("Gateway:DataPath must name a folder for the embedded store (default 'data').");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

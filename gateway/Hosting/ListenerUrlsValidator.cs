using AiGateway.Admin;
using AiGateway.Proxy;
using Microsoft.Extensions.Options;

namespace AiGateway.Hosting;

/// <summary>Validates both listeners' URL lists with the same parser that binds them, and that they do not overlap.</summary>
internal sealed class ListenerUrlsValidator : IValidateOptions<ProxyOptions>, IValidateOptions<AdminOptions>
{
    public ValidateOptionsResult Validate(string? name, ProxyOptions options) => Check("Gateway:Urls", options.Urls);

    public ValidateOptionsResult Validate(string? name, AdminOptions options) => Check("Admin:Urls", options.Urls);

    private static ValidateOptionsResult Check(string setting, string? urls)
    {
        if (string.IsNullOrWhiteSpace(urls))
        {
            return ValidateOptionsResult.Fail($"{setting} must list at least one http://host:port URL.");
        }
        var errors = new List<string>();
        foreach (var url in KestrelListeners.Split(urls))
        {
            try
            {
                KestrelListeners.Parse(url);
            }
            catch (FormatException ex)
            {
                errors.Add($"{setting}: {ex.Message}");
            }
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

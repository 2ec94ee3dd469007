using Microsoft.Extensions.Options;

namespace AiGateway.Proxy;

internal sealed class UpstreamOptionsValidator : IValidateOptions<UpstreamOptions>
{
    public ValidateOptionsResult Validate(string? name, UpstreamOptions options)
    {
        var errors = new List<string>();
        if (!Uri.TryCreate(options.BaseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment) || !string.IsNullOrEmpty(uri.UserInfo))
        {
            errors.Add($"Upstream:BaseUrl must be an absolute http(s) URL without query or credentials, such as https://api.holysheep.ai/v1 (got '{options.BaseUrl}').");
        }
        if (options.ActivityTimeoutSeconds is < 1 or > 3600)
        {
            errors.Add("Upstream:ActivityTimeoutSeconds must be between 1 and 3600.");
        }
        if (options.ConnectTimeoutSeconds is < 1 or > 300)
        {
            errors.Add("Upstream:ConnectTimeoutSeconds must be between 1 and 300.");
        }
        if (options.HttpVersion is not ("auto" or "1.1" or "2"))
        {
            errors.Add($"Upstream:HttpVersion must be auto, 1.1 or 2 (got '{options.HttpVersion}').");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

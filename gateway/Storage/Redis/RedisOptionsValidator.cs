using Microsoft.Extensions.Options;

namespace AiGateway.Storage.Redis;

internal sealed class RedisOptionsValidator : IValidateOptions<RedisOptions>
{
    public ValidateOptionsResult Validate(string? name, RedisOptions options)
    {
        var errors = new List<string>();
        if (options.Enabled)
        {
            try
            {
                var parsed = StackExchange.Redis.ConfigurationOptions.Parse(options.Configuration!);
                if (!parsed.ChannelPrefix.IsNullOrEmpty)
                {
                    // Token invalidations are published from Lua, which knows nothing of a client-side prefix.
                    errors.Add("Redis:Configuration must not set channelPrefix: use Redis:KeyPrefix to separate gateways.");
                }
            }
            catch (ArgumentException ex)
            {
                _ = ex; // its text may echo parts of the string, which can hold a password
                errors.Add("Redis:Configuration is not a valid StackExchange.Redis configuration string; e.g. redis:6379,password=…,ssl=true.");
            }
        }
        if (string.IsNullOrWhiteSpace(options.KeyPrefix) || options.KeyPrefix.Contains('{', StringComparison.Ordinal) || options.KeyPrefix.Contains('}', StringComparison.Ordinal))
        {
            errors.Add("Redis:KeyPrefix must be non-empty and contain no '{' or '}' (they mark cluster hash tags).");
        }
        if (options.ReplicaCount is < 1 or > 1000)
        {
            errors.Add("Redis:ReplicaCount must be between 1 and 1000: the number of gateway replicas sharing the limits.");
        }
        if (options.TokenCacheMilliseconds is < 0 or > 60_000)
        {
            errors.Add("Redis:TokenCacheMilliseconds must be between 0 and 60000.");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

using AiGateway.Auth;
using AiGateway.Storage.Redis;
using Microsoft.Extensions.Options;

namespace AiGateway.Hosting;

/// <summary>
/// With a shared token store every replica must hash tokens with the same key; a key generated into each
/// replica's data folder would make tokens issued on one replica unknown to the others.
/// </summary>
internal sealed class SharedStoreAuthValidator : IValidateOptions<AuthOptions>
{
    private readonly IOptions<RedisOptions> _redis;

    public SharedStoreAuthValidator(IOptions<RedisOptions> redis) => _redis = redis;

    public ValidateOptionsResult Validate(string? name, AuthOptions options) =>
        _redis.Value.Enabled && string.IsNullOrWhiteSpace(options.TokenHashKey)
            ? ValidateOptionsResult.Fail("Redis:Configuration is set, so tokens are shared: set Auth:TokenHashKey (the same base64 key on every replica, e.g. openssl rand -base64 32).")
            : ValidateOptionsResult.Success;
}

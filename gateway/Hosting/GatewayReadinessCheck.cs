using AiGateway.Keys;
using AiGateway.Policies;
using AiGateway.Storage.Redis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace AiGateway.Hosting;

/// <summary>
/// <c>/readyz</c>: policies are loaded and every team has an upstream key. A team without a key makes the
/// gateway Degraded (still 200: other teams are served) and names the team, never the key.
/// </summary>
internal sealed class GatewayReadinessCheck : IHealthCheck
{
    private readonly IPolicyProvider _policies;
    private readonly IUpstreamKeyProvider _keys;
    private readonly RedisConnection? _redis;
    private readonly RedisFailureMode _redisFailureMode;

    public GatewayReadinessCheck(IPolicyProvider policies, IUpstreamKeyProvider keys, IOptions<RedisOptions> redis, IServiceProvider services)
    {
        _policies = policies;
        _keys = keys;
        _redis = redis.Value.Enabled ? services.GetRequiredService<RedisConnection>() : null;
        _redisFailureMode = redis.Value.FailureMode;
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var snapshot = _policies.Current;
        var missing = snapshot.Teams.Where(t => _keys.GetKey(t.UpstreamKey) is null).Select(t => t.Team).Order(StringComparer.Ordinal).ToList();
        var source = _keys.Health;
        var data = new Dictionary<string, object>
        {
            ["policyVersion"] = snapshot.Version,
            ["teams"] = snapshot.Teams.Count,
            ["keyProvider"] = _keys.Name,
            ["keySourceReachable"] = source.Reachable,
        };
        if (source.LastSuccess is { } last)
        {
            data["keySourceLastSuccess"] = last;
        }
        if (missing.Count == snapshot.Teams.Count)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy(
                $"No team has an upstream key ({_keys.Name}: {source.LastError ?? "none configured; set HOLYSHEEP_API_KEY or Keys:File"}).", data: data));
        }
        if (_redis is not null)
        {
            var connected = _redis.Multiplexer.IsConnected;
            data["redisConnected"] = connected;
            if (!connected)
            {
                return Task.FromResult(_redisFailureMode == RedisFailureMode.Closed
                    ? HealthCheckResult.Unhealthy("Redis unreachable; limits fail closed (503) until it returns.", data: data)
                    : HealthCheckResult.Degraded("Redis unreachable; each replica enforces its local share of the limits.", data: data));
            }
        }
        if (missing.Count > 0)
        {
            return Task.FromResult(HealthCheckResult.Degraded($"No upstream key for: {string.Join(", ", missing)}.", data: data));
        }
        // Keys are cached and still serving, but the source is not answering: say so before the grace runs out.
        return Task.FromResult(source.Reachable
            ? HealthCheckResult.Healthy($"{snapshot.Teams.Count} teams ready.", data)
            : HealthCheckResult.Degraded($"{_keys.Name} unreachable ({source.LastError}); serving cached keys.", data: data));
    }
}

using AiGateway.Keys;
using AiGateway.Policies;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AiGateway.Hosting;

/// <summary>
/// <c>/readyz</c>: policies are loaded and every team has an upstream key. A team without a key makes the
/// gateway Degraded (still 200: other teams are served) and names the team, never the key.
/// </summary>
internal sealed class GatewayReadinessCheck : IHealthCheck
{
    private readonly IPolicyProvider _policies;
    private readonly IUpstreamKeyProvider _keys;

    public GatewayReadinessCheck(IPolicyProvider policies, IUpstreamKeyProvider keys)
    {
        _policies = policies;
        _keys = keys;
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

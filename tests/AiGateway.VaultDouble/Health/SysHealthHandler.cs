using System.Globalization;
using System.Text.Json.Nodes;

namespace AiGateway.VaultDouble;

/// <summary>
/// <c>GET|HEAD sys/health</c> (A.5): unauthenticated, answered even while sealed. The double is always an
/// initialised active node, so only <c>activecode</c> and <c>sealedcode</c> pick the status; every code parameter
/// is still validated, and a malformed one is a 400 with <c>{"errors":[]}</c> as in Vault.
/// </summary>
internal sealed class SysHealthHandler(VaultDoubleState state)
{
    public const string Path = "sys/health";

    /// <summary>The version reported; a real release number, because clients may parse it as semver.</summary>
    public const string Version = "1.17.2";

    private static readonly string[] CodeParameters =
    [
        "activecode", "standbycode", "drsecondarycode", "haunhealthycode", "performancestandbycode", "sealedcode", "uninitcode", "removedcode",
    ];

    private readonly string _clusterId = RandomIds.Uuid();

    public VaultResponse Handle(VaultRequest request)
    {
        if (request.Operation is not (VaultOperation.Read or VaultOperation.Head))
        {
            return VaultResponse.UnsupportedOperation();
        }

        var codes = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var name in CodeParameters)
        {
            if (request.Query.TryGetValue(name, out var raw))
            {
                if (!int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var code) || code is < 100 or > 999)
                {
                    return VaultResponse.Error(400);
                }

                codes[name] = code;
            }
        }

        var isSealed = state.Sealed;
        var status = isSealed ? codes.GetValueOrDefault("sealedcode", 503) : codes.GetValueOrDefault("activecode", 200);
        var body = new JsonObject
        {
            ["initialized"] = true,
            ["sealed"] = isSealed,
            ["standby"] = false,
            ["performance_standby"] = false,
            ["replication_performance_mode"] = "disabled",
            ["replication_dr_mode"] = "disabled",
            ["server_time_utc"] = state.Time.GetUtcNow().ToUnixTimeSeconds(),
            ["version"] = Version,
        };
        if (!isSealed)
        {
            // Vault omits the cluster identity while sealed.
            body["cluster_name"] = "vault-test-double";
            body["cluster_id"] = _clusterId;
        }

        return VaultResponse.WithStatus(status, body);
    }
}

using System.Text.Json.Nodes;

namespace AiGateway.VaultDouble;

/// <summary>The two JSON shapes of a token: the <c>auth</c> object (A.0/A.1) and the lookup <c>data</c> (A.2).</summary>
internal static class TokenJson
{
    /// <summary>The <c>auth</c> object of a login or renewal, keys in the order of Vault's Go struct.</summary>
    public static JsonObject Auth(VaultToken token, long leaseDurationSeconds)
    {
        ArgumentNullException.ThrowIfNull(token);
        return new JsonObject
        {
            ["client_token"] = token.Id,
            ["accessor"] = token.Accessor,
            ["policies"] = Strings(token.Policies),
            ["token_policies"] = Strings(token.Policies),
            ["metadata"] = Map(token.Meta),
            ["lease_duration"] = leaseDurationSeconds,
            ["renewable"] = token.Renewable,
            ["entity_id"] = token.EntityId,
            ["token_type"] = "service",
            ["orphan"] = token.Orphan,
            ["mfa_requirement"] = null,
            ["num_uses"] = 0,
        };
    }

    /// <summary>
    /// The lookup-self <c>data</c>; keys sorted as Go serialises the map. <c>renewable</c> and <c>issue_time</c>
    /// appear only for tokens with a lease, <c>last_renewal*</c> only after a renewal.
    /// </summary>
    public static JsonObject Lookup(VaultToken token, long ttlSeconds)
    {
        ArgumentNullException.ThrowIfNull(token);
        var data = new JsonObject
        {
            ["accessor"] = token.Accessor,
            ["creation_time"] = token.CreationTime.ToUnixTimeSeconds(),
            ["creation_ttl"] = (long)token.CreationTtl.TotalSeconds,
            ["display_name"] = token.DisplayName,
            ["entity_id"] = token.EntityId,
            ["expire_time"] = token.ExpireTime is { } expire ? Rfc3339.ToText(expire) : null,
            ["explicit_max_ttl"] = (long)token.ExplicitMaxTtl.TotalSeconds,
            ["id"] = token.Id,
        };
        if (token.HasLease)
        {
            data["issue_time"] = Rfc3339.ToText(token.CreationTime);
        }

        if (token.LastRenewalTime is { } renewal)
        {
            data["last_renewal"] = Rfc3339.ToText(renewal);
            data["last_renewal_time"] = renewal.ToUnixTimeSeconds();
        }

        data["meta"] = Map(token.Meta);
        data["num_uses"] = 0;
        data["orphan"] = token.Orphan;
        data["path"] = token.Path;
        data["policies"] = Strings(token.Policies);
        if (token.HasLease)
        {
            data["renewable"] = token.Renewable;
        }

        data["ttl"] = ttlSeconds;
        data["type"] = "service";
        return data;
    }

    private static JsonArray Strings(IEnumerable<string> values) => [.. values.Select(static v => (JsonNode?)JsonValue.Create(v))];

    private static JsonObject? Map(IReadOnlyDictionary<string, string>? values)
    {
        if (values is null)
        {
            return null;
        }

        var map = new JsonObject();
        foreach (var (key, value) in values.OrderBy(static p => p.Key, StringComparer.Ordinal))
        {
            map[key] = value;
        }

        return map;
    }
}

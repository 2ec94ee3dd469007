using System.Globalization;
using System.Text.Json.Nodes;

namespace AiGateway.VaultDouble;

/// <summary>The KV v2 JSON shapes of WIRE-FACTS A.3; keys sorted as Go serialises maps.</summary>
internal static class KvJson
{
    /// <summary>A version's metadata: the write response's <c>data</c>, and <c>data.metadata</c> of a read.</summary>
    public static JsonObject VersionMetadata(KvVersion entry, int version, IReadOnlyDictionary<string, string>? customMetadata)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new JsonObject
        {
            ["created_time"] = Rfc3339.ToText(entry.CreatedTime),
            ["custom_metadata"] = StringMap(customMetadata),
            ["deletion_time"] = DeletionTime(entry),
            ["destroyed"] = entry.Destroyed,
            ["version"] = version,
        };
    }

    /// <summary>The <c>data</c> of a metadata read, with the <c>versions</c> map keyed by decimal strings.</summary>
    public static JsonObject Metadata(KvSecretSnapshot secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var versions = new JsonObject();
        foreach (var (number, entry) in secret.Versions)
        {
            versions[number.ToString(CultureInfo.InvariantCulture)] = new JsonObject
            {
                ["created_time"] = Rfc3339.ToText(entry.CreatedTime),
                ["deletion_time"] = DeletionTime(entry),
                ["destroyed"] = entry.Destroyed,
            };
        }

        return new JsonObject
        {
            ["cas_required"] = secret.CasRequired,
            ["created_time"] = Rfc3339.ToText(secret.CreatedTime),
            ["current_version"] = secret.CurrentVersion,
            ["custom_metadata"] = StringMap(secret.CustomMetadata),
            ["delete_version_after"] = GoDuration.Format(secret.DeleteVersionAfter),
            ["max_versions"] = secret.MaxVersions,
            ["oldest_version"] = secret.OldestVersion,
            ["updated_time"] = Rfc3339.ToText(secret.UpdatedTime),
            ["versions"] = versions,
        };
    }

    public static JsonObject Config(KvMountConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return new JsonObject
        {
            ["cas_required"] = config.CasRequired,
            ["delete_version_after"] = GoDuration.Format(config.DeleteVersionAfter),
            ["max_versions"] = config.MaxVersions,
        };
    }

    /// <summary><c>null</c> when never set, as Vault returns it; otherwise a string map.</summary>
    public static JsonObject? StringMap(IReadOnlyDictionary<string, string>? map)
    {
        if (map is null)
        {
            return null;
        }

        var json = new JsonObject();
        foreach (var (key, value) in map.OrderBy(static p => p.Key, StringComparer.Ordinal))
        {
            json[key] = value;
        }

        return json;
    }

    private static string DeletionTime(KvVersion entry) => entry.DeletionTime is { } deleted ? Rfc3339.ToText(deleted) : "";
}

using System.Text.Json;
using System.Text.Json.Nodes;

namespace AiGateway.VaultDouble;

/// <summary>Preloads secrets and AppRoles from a seed file, so a local stack starts with what it needs.</summary>
internal static class SeedFileLoader
{
    /// <summary>The AppRoles created, with their credentials, for the start-up banner.</summary>
    public static IReadOnlyList<(string Role, string RoleId, string SecretId)> Apply(VaultDoubleState state, string file, out int secrets)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentException.ThrowIfNullOrWhiteSpace(file);
        var full = Path.GetFullPath(file);
        SeedDocument document;
        try
        {
            document = JsonSerializer.Deserialize(File.ReadAllText(full), SeedJsonContext.Default.SeedDocument)
                ?? throw new InvalidDataException($"Seed file '{full}' is empty (null).");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"Seed file '{full}' is not valid: {ex.Message}", ex);
        }

        secrets = 0;
        foreach (var (location, data) in document.Secrets ?? [])
        {
            var (mount, path) = SplitLocation(state, location, full);
            var json = new JsonObject();
            foreach (var (field, value) in data)
            {
                json[field] = value;
            }

            mount.Write(path, json.ToJsonString(), cas: null, ignoreCasRequired: true);
            secrets++;
        }

        var roles = new List<(string, string, string)>();
        foreach (var (name, role) in document.AppRoles ?? [])
        {
            if (!GoDuration.TryParse(role.Ttl ?? "1h", out var ttl) || ttl <= TimeSpan.Zero
                || !GoDuration.TryParse(role.MaxTtl, out var maxTtl))
            {
                throw new InvalidDataException($"Seed file '{full}': AppRole '{name}' has an invalid ttl or max_ttl.");
            }

            var (roleId, secretId) = state.AppRoles.Create(name, role.Policies ?? [], ttl, maxTtl > TimeSpan.Zero ? maxTtl : null, 0, role.RoleId, role.SecretId);
            roles.Add((name, roleId, secretId));
        }

        return roles;
    }

    /// <summary>Splits <c>holysheepai/creds/x</c> at the longest configured mount that prefixes it.</summary>
    private static (KvMount Mount, string Path) SplitLocation(VaultDoubleState state, string location, string file)
    {
        var trimmed = location.Trim('/');
        var mount = state.KvMounts.Values
            .Where(m => trimmed.StartsWith(m.Name + "/", StringComparison.Ordinal) && trimmed.Length > m.Name.Length + 1)
            .MaxBy(static m => m.Name.Length);
        return mount is null
            ? throw new InvalidDataException($"Seed file '{file}': secret '{location}' is not under a KV v2 mount ({string.Join(", ", state.KvMounts.Keys)}).")
            : (mount, trimmed[(mount.Name.Length + 1)..]);
    }
}

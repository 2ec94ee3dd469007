using System.Text;

namespace AiGateway.VaultDouble;

/// <summary>The standalone start-up text: says plainly that this is a test double and not Vault, and how to use it.</summary>
internal static class VaultDoubleBanner
{
    public static string Describe(IEnumerable<string> urls, VaultDoubleHost host)
    {
        ArgumentNullException.ThrowIfNull(urls);
        ArgumentNullException.ThrowIfNull(host);
        var state = host.State;
        var address = urls.FirstOrDefault()?.TrimEnd('/') ?? VaultDoubleApp.DefaultUrl;
        var text = new StringBuilder()
            .AppendLine(new string('=', 100))
            .AppendLine("  HashiCorp Vault TEST DOUBLE (AiGateway.VaultDouble) -- this is NOT Vault.")
            .AppendLine("  In-memory only: no encryption, no persistence, no audit, a fixed root token. NEVER use it in production")
            .AppendLine("  or with real secrets. It exists for tests and local development of the AI gateway.")
            .AppendLine(new string('-', 100))
            .AppendLine($"  Listening on : {string.Join(", ", urls)}")
            .AppendLine($"  export VAULT_ADDR={address}")
            .AppendLine($"  Root token   : {state.Options.RootToken}")
            .AppendLine($"  KV v2 mounts : {string.Join(", ", state.KvMounts.Keys.Select(static m => m + "/"))}")
            .AppendLine($"  Auth methods : auth/{state.Options.AppRoleMount}/ (approle), auth/{state.Options.KubernetesMount}/ (kubernetes), auth/token/")
            .AppendLine($"  Policies     : {string.Join(", ", state.Policies.Names)}");
        foreach (var (role, roleId, secretId) in host.SeededRoles)
        {
            text.AppendLine($"  AppRole {role}: role_id={roleId} secret_id={secretId}");
        }

        return text.Append(new string('=', 100)).ToString();
    }
}

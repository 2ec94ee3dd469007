namespace AiGateway.VaultDouble;

/// <summary>The two policies every Vault has: <c>root</c> (everything) and <c>default</c> (attached to every token).</summary>
internal static class BuiltInPolicies
{
    public const string RootName = "root";
    public const string DefaultName = "default";

    /// <summary>
    /// Real Vault's default policy (vault/policy_store.go, <c>defaultPolicy</c>) minus its templated identity
    /// paths and the Enterprise-only ones: a token can always look itself up, renew and revoke itself, and use its
    /// cubbyhole. Parsed by the same parser as shipped policies, which keeps the parser honest.
    /// </summary>
    public const string DefaultHcl = """
        # Allow tokens to look up their own properties
        path "auth/token/lookup-self" {
            capabilities = ["read"]
        }

        # Allow tokens to renew themselves
        path "auth/token/renew-self" {
            capabilities = ["update"]
        }

        # Allow tokens to revoke themselves
        path "auth/token/revoke-self" {
            capabilities = ["update"]
        }

        # Allow a token to look up its own capabilities on a path
        path "sys/capabilities-self" {
            capabilities = ["update"]
        }

        # Allow a token to look up its resultant ACL from all policies
        path "sys/internal/ui/resultant-acl" {
            capabilities = ["read"]
        }

        # Allow a token to renew a lease via lease_id in the request body
        path "sys/leases/renew" {
            capabilities = ["update"]
        }

        # Allow looking up lease properties
        path "sys/leases/lookup" {
            capabilities = ["update"]
        }

        # Allow a token to manage its own cubbyhole
        path "cubbyhole/*" {
            capabilities = ["create", "read", "update", "delete", "list"]
        }

        # Allow a token to wrap arbitrary values in a response-wrapping token
        path "sys/wrapping/wrap" {
            capabilities = ["update"]
        }

        # Allow a token to look up the creation time and TTL of a given response-wrapping token
        path "sys/wrapping/lookup" {
            capabilities = ["update"]
        }

        # Allow a token to unwrap a response-wrapping token
        path "sys/wrapping/unwrap" {
            capabilities = ["update"]
        }

        # Allow general purpose tools
        path "sys/tools/hash" {
            capabilities = ["update"]
        }
        path "sys/tools/hash/*" {
            capabilities = ["update"]
        }
        """;

    public static AclPolicy Root { get; } = new(RootName, [], "");

    public static AclPolicy Default() => HclPolicyParser.Parse(DefaultName, DefaultHcl);
}

using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace AiGateway.VaultDouble;

/// <summary>
/// Builds projected service-account JWTs with the claims a real kubelet-issued token carries (issuer, audience,
/// <c>kubernetes.io</c> pod and service-account claims, <c>sub</c>). The signature is random bytes of RS256 length:
/// the double accepts only tokens it issued, by exact value, so nothing verifies it.
/// </summary>
internal static class ServiceAccountJwt
{
    private const string Issuer = "https://kubernetes.default.svc.cluster.local";

    /// <summary>How long an issued JWT is valid; long, so tests that move a fake clock do not trip over it.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(365);

    public static string Create(ServiceAccountIdentity account, DateTimeOffset issuedAt)
    {
        ArgumentNullException.ThrowIfNull(account);
        var header = new JsonObject { ["alg"] = "RS256", ["kid"] = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32)) };
        var iat = issuedAt.ToUnixTimeSeconds();
        var podSuffix = RandomNumberGenerator.GetString("bcdfghjklmnpqrstvwxz2456789", 5);
        var payload = new JsonObject
        {
            ["aud"] = new JsonArray(Issuer),
            ["exp"] = account.Expires.ToUnixTimeSeconds(),
            ["iat"] = iat,
            ["iss"] = Issuer,
            ["jti"] = RandomIds.Uuid(),
            ["kubernetes.io"] = new JsonObject
            {
                ["namespace"] = account.Namespace,
                ["node"] = new JsonObject { ["name"] = "node-1", ["uid"] = RandomIds.Uuid() },
                ["pod"] = new JsonObject { ["name"] = $"{account.Name}-{podSuffix}", ["uid"] = RandomIds.Uuid() },
                ["serviceaccount"] = new JsonObject { ["name"] = account.Name, ["uid"] = account.Uid },
                ["warnafter"] = iat + 3607,
            },
            ["nbf"] = iat,
            ["sub"] = $"system:serviceaccount:{account.Namespace}:{account.Name}",
        };
        return string.Join('.', Encode(header), Encode(payload), Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(256)));
    }

    private static string Encode(JsonObject part) => Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes(VaultJson.ToText(part)));
}

namespace AiGateway.VaultDouble;

/// <summary>The login envelope shared by auth methods: <c>data: null</c>, the full <c>auth</c> object, the method as mount type.</summary>
internal static class LoginResponse
{
    /// <summary><c>auth.lease_duration</c> is the TTL granted (the role's token TTL), not a countdown.</summary>
    public static VaultResponse Create(VaultToken token, string mountType) =>
        VaultResponse.Ok(VaultEnvelope.Create(null, TokenJson.Auth(token, (long)token.CreationTtl.TotalSeconds), null, mountType));
}

namespace AiGateway.Keys.Vault;

/// <summary>A Vault token and its lease, from a login or a renewal. <see cref="ToString"/> hides the token.</summary>
internal sealed record VaultLogin(string Token, TimeSpan LeaseDuration, bool Renewable, string? Accessor)
{
    /// <summary>Zero lease means a token that does not expire (root or periodic without TTL).</summary>
    public bool Expires => LeaseDuration > TimeSpan.Zero;

    public override string ToString() => $"VaultLogin {{ Lease = {LeaseDuration}, Renewable = {Renewable} }}";

    /// <summary>Reads the <c>auth</c> object of a login or renew-self response.</summary>
    public static VaultLogin FromAuth(System.Text.Json.JsonElement response)
    {
        var auth = response.GetProperty("auth");
        return new VaultLogin(
            auth.GetProperty("client_token").GetString() ?? throw new VaultException("Vault returned no client_token."),
            TimeSpan.FromSeconds(auth.GetProperty("lease_duration").GetInt64()),
            auth.TryGetProperty("renewable", out var renewable) && renewable.GetBoolean(),
            auth.TryGetProperty("accessor", out var accessor) ? accessor.GetString() : null);
    }
}

namespace AiGateway.Keys.Vault;

/// <summary>A token given to the gateway (configuration, or a file such as a Vault Agent sink); its TTL is learnt from lookup-self.</summary>
internal sealed class TokenAuthMethod : IVaultAuthMethod
{
    private readonly string? _token;
    private readonly string? _tokenFile;

    public TokenAuthMethod(string? token, string? tokenFile)
    {
        _token = token;
        _tokenFile = tokenFile;
    }

    public string Name => "token";

    public async Task<VaultLogin> LoginAsync(VaultTransport transport, CancellationToken cancellationToken)
    {
        var token = _tokenFile is not null ? (await File.ReadAllTextAsync(_tokenFile, cancellationToken).ConfigureAwait(false)).Trim() : _token!.Trim();
        var lookup = await transport.SendAsync(HttpMethod.Get, "auth/token/lookup-self", null, token, notFoundIsNull: false, cancellationToken).ConfigureAwait(false)
            ?? throw new VaultException("Vault returned an empty lookup-self response.");
        var data = lookup.GetProperty("data");
        var ttl = data.TryGetProperty("ttl", out var t) && t.ValueKind == System.Text.Json.JsonValueKind.Number ? t.GetInt64() : 0;
        var renewable = data.TryGetProperty("renewable", out var r) && r.ValueKind == System.Text.Json.JsonValueKind.True;
        return new VaultLogin(token, TimeSpan.FromSeconds(ttl), renewable, data.TryGetProperty("accessor", out var a) ? a.GetString() : null);
    }
}

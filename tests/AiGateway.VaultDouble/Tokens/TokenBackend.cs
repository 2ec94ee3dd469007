namespace AiGateway.VaultDouble;

/// <summary>
/// The token store's self-service paths under <c>auth/token/</c>: <c>lookup-self</c> (GET), <c>renew-self</c> and
/// <c>revoke-self</c> (POST/PUT). Other token-store paths are not emulated and answer 404.
/// </summary>
internal sealed class TokenBackend(TokenStore tokens) : IVaultBackend
{
    public string Prefix => "auth/token/";

    public VaultOperation ResolveOperation(string subPath, VaultOperation operation) => operation;

    public VaultResponse Handle(VaultRequest request, string subPath, VaultOperation operation, VaultToken token) => subPath switch
    {
        "lookup-self" => operation == VaultOperation.Read ? LookupSelf(token) : VaultResponse.UnsupportedOperation(),
        "renew-self" => operation == VaultOperation.Update ? RenewSelf(request, token) : VaultResponse.UnsupportedOperation(),
        "revoke-self" => operation == VaultOperation.Update ? RevokeSelf(token) : VaultResponse.UnsupportedOperation(),
        _ => VaultResponse.NotFound(),
    };

    private VaultResponse LookupSelf(VaultToken token)
    {
        var data = TokenJson.Lookup(token, tokens.RemainingSeconds(token));
        return VaultResponse.Ok(VaultEnvelope.Create(data, null, null, VaultEnvelope.TokenMountType));
    }

    private VaultResponse RenewSelf(VaultRequest request, VaultToken token)
    {
        // increment: Go duration string or integer seconds; absent, null or 0 asks for the token's own TTL again.
        if (!JsonFields.TryGetDuration(request.Body, "increment", out var increment, out var error))
        {
            return VaultResponse.BadRequest(error!);
        }

        var renewal = tokens.Renew(token.Id, increment ?? TimeSpan.Zero);
        if (!renewal.Succeeded)
        {
            return VaultResponse.Error(renewal.ErrorStatus, renewal.Error!);
        }

        var renewed = renewal.Token!;
        var auth = TokenJson.Auth(renewed, (long)renewal.Ttl.TotalSeconds);
        var warnings = renewal.Warning is null ? null : new[] { renewal.Warning };
        return VaultResponse.Ok(VaultEnvelope.Create(null, auth, warnings, VaultEnvelope.TokenMountType));
    }

    private VaultResponse RevokeSelf(VaultToken token)
    {
        tokens.Revoke(token.Id);
        return VaultResponse.NoContent();
    }
}

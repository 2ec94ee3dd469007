namespace AiGateway.VaultDouble;

/// <summary>The outcome of a renew-self: the renewed token, the TTL granted and an optional cap warning; or a 4xx error.</summary>
internal sealed record TokenRenewal(VaultToken? Token, TimeSpan Ttl, string? Warning, int ErrorStatus = 0, string? Error = null)
{
    public bool Succeeded => Token is not null;
}

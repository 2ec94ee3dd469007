namespace AiGateway.KeyRotation.Provider;

/// <summary>
/// The provider's key-management API: create and revoke upstream API keys. Failures are
/// <see cref="ProviderKeyException"/>s whose messages never carry a key or the admin credential.
/// </summary>
internal interface IProviderKeyClient
{
    /// <summary>Creates a key, live at once, named <paramref name="name"/> (the service it is for).</summary>
    Task<ProviderKey> CreateKeyAsync(string name, CancellationToken cancellationToken);

    /// <summary>Revokes the key with <paramref name="keyId"/>; an unknown id is a failure (404), not a success.</summary>
    Task RevokeKeyAsync(string keyId, CancellationToken cancellationToken);
}

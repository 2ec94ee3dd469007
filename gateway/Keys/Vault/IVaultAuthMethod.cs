namespace AiGateway.Keys.Vault;

/// <summary>One way of obtaining a Vault token. Credentials are read at each login, so files can change under a running gateway.</summary>
internal interface IVaultAuthMethod
{
    string Name { get; }

    Task<VaultLogin> LoginAsync(VaultTransport transport, CancellationToken cancellationToken);
}

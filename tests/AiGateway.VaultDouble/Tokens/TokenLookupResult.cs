namespace AiGateway.VaultDouble;

/// <summary>How a presented client token resolved.</summary>
internal enum TokenLookupResult
{
    /// <summary>No token was sent.</summary>
    Missing,

    /// <summary>Unknown, revoked or expired.</summary>
    Invalid,

    Valid,
}

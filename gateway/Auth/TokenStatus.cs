namespace AiGateway.Auth;

/// <summary>Lifecycle of a caller token. Only <see cref="Active"/> tokens are let through.</summary>
public enum TokenStatus
{
    Active,
    /// <summary>Stopped for now (by an admin or a breaker); an admin can reinstate it.</summary>
    Suspended,
    /// <summary>Stopped for good.</summary>
    Revoked,
}

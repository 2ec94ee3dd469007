namespace AiGateway.Admin;

/// <summary>Roles on the admin API. Each role's reach is set in <see cref="AdminPolicies"/>.</summary>
public enum AdminRole
{
    /// <summary>Everything, including admin credentials and policy reloads.</summary>
    Admin,
    /// <summary>Issues, lists and revokes the tokens of its own team.</summary>
    TeamAdmin,
    /// <summary>Reads spend and token metadata.</summary>
    Finance,
    /// <summary>Reads token metadata and policies.</summary>
    Viewer,
}

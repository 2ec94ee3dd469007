using Microsoft.Extensions.Primitives;

namespace AiGateway.Policies;

/// <summary>The current policy snapshot; requests read <see cref="Current"/> and never block on a reload.</summary>
public interface IPolicyProvider
{
    PolicySnapshot Current { get; }

    /// <summary>Fires after each reload attempt, successful or not.</summary>
    IChangeToken GetReloadToken();

    /// <summary>Reloads now. On error the previous snapshot stays in force and the errors are returned.</summary>
    PolicyReloadResult Reload();
}

/// <summary>Outcome of a reload: the snapshot in force afterwards, and the errors if the new files were refused.</summary>
public sealed record PolicyReloadResult(PolicySnapshot Snapshot, IReadOnlyList<string> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}

namespace AiGateway.KeyRotation.Rotation;

/// <summary>How one rotation ended. The CLI maps it to an exit code (<c>Cli/ExitCodes</c>).</summary>
internal enum RotationOutcome
{
    /// <summary>New key in Vault, old key revoked (or there was none to revoke), bookkeeping written.</summary>
    Rotated,

    /// <summary>Dry run: nothing was created, written or revoked.</summary>
    DryRun,

    /// <summary>Nothing changed: no secret, Vault unreadable, or the provider refused to create a key.</summary>
    Failed,

    /// <summary>The Vault write failed and the new provider key was revoked: the old key is still in service.</summary>
    RolledBack,

    /// <summary>
    /// Something is left for a human: the old key (or an unused new key) is still live, or metadata or the audit
    /// record could not be written. <see cref="RotationResult.Problems"/> says what.
    /// </summary>
    Partial,
}

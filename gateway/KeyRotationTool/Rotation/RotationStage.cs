namespace AiGateway.KeyRotation.Rotation;

/// <summary>The steps of a rotation, reported as they happen (the CLI prints them; tests wait on them).</summary>
internal enum RotationStage
{
    ReadSecret,
    CreatedKey,
    WroteSecret,
    RolledBack,
    WroteMetadata,
    WroteAudit,
    WaitingForGrace,
    RevokedOldKey,
    Problem,
}

using AiGateway.KeyRotation.Rotation;

namespace AiGateway.KeyRotation.Cli;

/// <summary>The machine name of each outcome, as it appears in <c>--json</c> output.</summary>
internal static class OutcomeText
{
    public static string Of(RotationOutcome outcome) => outcome switch
    {
        RotationOutcome.Rotated => "rotated",
        RotationOutcome.DryRun => "dry-run",
        RotationOutcome.Failed => "failed",
        RotationOutcome.RolledBack => "rolled-back",
        _ => "partial",
    };

    public static string Of(KeyAgeSource source) => source switch
    {
        KeyAgeSource.RotatedAt => "rotated_at",
        KeyAgeSource.VersionCreated => "version_created",
        KeyAgeSource.Metadata => "metadata",
        _ => "unknown",
    };
}

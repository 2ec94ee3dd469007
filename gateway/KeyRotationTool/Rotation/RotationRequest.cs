namespace AiGateway.KeyRotation.Rotation;

/// <summary>Per-run choices from the command line: dry run and the grace period actually used.</summary>
internal sealed record RotationRequest(bool DryRun, TimeSpan Grace);

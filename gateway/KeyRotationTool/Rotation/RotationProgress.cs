namespace AiGateway.KeyRotation.Rotation;

/// <summary>One step of a rotation: its stage and a line for humans (ids and versions only, never a key).</summary>
internal sealed record RotationProgress(string Service, RotationStage Stage, string Message);

namespace AiGateway.KeyRotation.Rotation;

/// <summary>
/// One service checked by <c>rotate --due</c>: its age, the rotation when it was due, or the error that kept it
/// from being checked.
/// </summary>
internal sealed record DueRotationEntry(string Service, KeyAge? Age, RotationResult? Rotation, string? Error)
{
    public bool WasDue => Age?.IsDue == true;
}

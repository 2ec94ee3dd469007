namespace AiGateway.KeyRotation.Rotation;

/// <summary>Everything <c>rotate --due</c> looked at, in order.</summary>
internal sealed record DueRotationReport(IReadOnlyList<DueRotationEntry> Entries, string? Error)
{
    public IEnumerable<RotationResult> Rotations => Entries.Where(e => e.Rotation is not null).Select(e => e.Rotation!);
}

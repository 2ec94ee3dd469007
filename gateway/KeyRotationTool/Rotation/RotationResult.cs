namespace AiGateway.KeyRotation.Rotation;

/// <summary>What one rotation did. Carries key ids, never key values.</summary>
internal sealed record RotationResult
{
    public required string Service { get; init; }

    public required RotationOutcome Outcome { get; init; }

    public string? PreviousKeyId { get; init; }

    public string? NewKeyId { get; init; }

    public int? PreviousVersion { get; init; }

    /// <summary>The Vault version holding the new key, when the write succeeded.</summary>
    public int? NewVersion { get; init; }

    public DateTimeOffset? RotatedAt { get; init; }

    public int GraceSeconds { get; init; }

    public bool OldKeyRevoked { get; init; }

    /// <summary>Where the rotation's audit record was written, when it was.</summary>
    public string? AuditPath { get; init; }

    /// <summary>Every step, in order.</summary>
    public IReadOnlyList<string> Steps { get; init; } = [];

    /// <summary>What went wrong and what a human must do about it; empty for a clean rotation.</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];
}

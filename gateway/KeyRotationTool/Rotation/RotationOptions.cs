namespace AiGateway.KeyRotation.Rotation;

/// <summary>How rotations run (section <c>Rotation</c>).</summary>
internal sealed class RotationOptions
{
    public const string SectionName = "Rotation";

    /// <summary>
    /// Seconds between writing the new key to Vault and revoking the old one. Default 180. Every gateway replica
    /// re-reads its key every <c>Vault:RefreshSeconds</c> (default 60), so a replica that read just before the
    /// write picks the new key up at most one refresh interval later, plus one Vault call timeout if that read
    /// is slow or retried. 180 s is three refresh intervals: one to notice, two for a failed refresh and a
    /// retry. A replica that is still late gets a 401 from the provider and re-reads at once, so a short grace
    /// costs a few retried requests, not an outage; 0 is allowed for tests and emergencies.
    /// </summary>
    public int GraceSeconds { get; set; } = 180;

    /// <summary>Rotate a key this many days after its last rotation, unless the secret's <c>max_age_days</c> metadata says otherwise. Default 90.</summary>
    public int DefaultMaxAgeDays { get; set; } = 90;

    /// <summary>Who rotates, written to metadata (<c>rotated_by</c>) and audit records. Default the OS user name.</summary>
    public string? Actor { get; set; }
}

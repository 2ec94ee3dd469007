namespace AiGateway.KeyRotation.Rotation;

/// <summary>Where <see cref="KeyAge.Since"/> came from, best first.</summary>
internal enum KeyAgeSource
{
    /// <summary>The <c>rotated_at</c> custom metadata this tool writes.</summary>
    RotatedAt,

    /// <summary>When the current version of the secret was written (someone stored a key by hand).</summary>
    VersionCreated,

    /// <summary>The secret's metadata <c>updated_time</c>, then <c>created_time</c>.</summary>
    Metadata,

    Unknown,
}

using AiGateway.Keys.Vault;

namespace AiGateway.KeyRotation.Rotation;

/// <summary>Decides how old a key is and whether it is due; pure, so <c>--due</c> and <c>status</c> agree.</summary>
internal static class RotationSchedule
{
    public static KeyAge Evaluate(KvSecret secret, KvMetadata? metadata, int defaultMaxAgeDays, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var custom = secret.CustomMetadata ?? metadata?.CustomMetadata;
        var maxAge = RotationMetadata.MaxAgeDays(custom, defaultMaxAgeDays);
        if (RotationMetadata.ParseTime(custom?.GetValueOrDefault(SecretFields.RotatedAt)) is { } rotatedAt)
        {
            return new KeyAge(rotatedAt, KeyAgeSource.RotatedAt, maxAge, now);
        }
        // Never rotated by this tool: the key is as old as the version holding it. The metadata times come
        // last because a metadata edit (a new owner) moves updated_time without changing the key.
        if (secret.CreatedTime is { } created)
        {
            return new KeyAge(created, KeyAgeSource.VersionCreated, maxAge, now);
        }
        if ((metadata?.UpdatedTime ?? metadata?.CreatedTime) is { } fromMetadata)
        {
            return new KeyAge(fromMetadata, KeyAgeSource.Metadata, maxAge, now);
        }
        return new KeyAge(null, KeyAgeSource.Unknown, maxAge, now);
    }
}

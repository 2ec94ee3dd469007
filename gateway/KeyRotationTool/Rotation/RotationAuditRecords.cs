using System.Globalization;

namespace AiGateway.KeyRotation.Rotation;

/// <summary>The fields of the audit records (key ids, versions, times, actor, outcome; never a key value).</summary>
internal static class RotationAuditRecords
{
    /// <summary>Suffix of the record about the old key, next to the rotation's own record.</summary>
    public const string RevocationSuffix = "-revocation";

    public static Dictionary<string, string> Rotation(
        string service, string outcome, string? previousKeyId, string? newKeyId, int previousVersion, int? newVersion,
        DateTimeOffset at, string actor, TimeSpan grace, string detail) => new(StringComparer.Ordinal)
        {
            ["event"] = "key-rotation",
            ["service"] = service,
            ["outcome"] = outcome,
            ["previous_key_id"] = previousKeyId ?? "",
            ["new_key_id"] = newKeyId ?? "",
            ["previous_vault_version"] = previousVersion.ToString(CultureInfo.InvariantCulture),
            ["vault_version"] = newVersion?.ToString(CultureInfo.InvariantCulture) ?? "",
            ["rotated_at"] = RotationMetadata.FormatTime(at),
            ["rotated_by"] = actor,
            ["grace_seconds"] = ((long)grace.TotalSeconds).ToString(CultureInfo.InvariantCulture),
            ["detail"] = detail,
        };

    public static Dictionary<string, string> Revocation(
        string service, string outcome, string? oldKeyId, string? rotationRecord, DateTimeOffset at, string actor, string detail) => new(StringComparer.Ordinal)
        {
            ["event"] = "old-key-revocation",
            ["service"] = service,
            ["outcome"] = outcome,
            ["key_id"] = oldKeyId ?? "",
            ["rotation_record"] = rotationRecord ?? "",
            ["at"] = RotationMetadata.FormatTime(at),
            ["by"] = actor,
            ["detail"] = detail,
        };
}

using System.Globalization;

namespace AiGateway.KeyRotation.Rotation;

/// <summary>Reads and builds the custom metadata a rotation leaves on <c>creds/&lt;service&gt;</c>.</summary>
internal static class RotationMetadata
{
    /// <summary>RFC 3339, UTC, whole seconds, as Vault and humans both read it.</summary>
    public static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static DateTimeOffset? ParseTime(string? value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time) ? time : null;

    /// <summary>The secret's own <c>max_age_days</c> when it is a positive number, else <paramref name="defaultDays"/>.</summary>
    public static int MaxAgeDays(IReadOnlyDictionary<string, string>? custom, int defaultDays) =>
        custom is not null && int.TryParse(custom.GetValueOrDefault(SecretFields.MaxAgeDays), NumberStyles.None, CultureInfo.InvariantCulture, out var days) && days > 0
            ? days
            : defaultDays;

    /// <summary>
    /// The existing entries (owner, max_age_days, anything a team added) plus this rotation's. Vault replaces
    /// custom metadata as a whole, so everything that should survive has to be written back.
    /// </summary>
    public static Dictionary<string, string> AfterRotation(
        IReadOnlyDictionary<string, string>? existing, string newKeyId, string? previousKeyId, DateTimeOffset rotatedAt, string actor, int defaultMaxAgeDays)
    {
        var map = existing is null ? new Dictionary<string, string>(StringComparer.Ordinal) : new Dictionary<string, string>(existing, StringComparer.Ordinal);
        map[SecretFields.KeyId] = newKeyId;
        if (previousKeyId is null)
        {
            map.Remove(SecretFields.PreviousKeyId);
        }
        else
        {
            map[SecretFields.PreviousKeyId] = previousKeyId;
        }
        map[SecretFields.RotatedAt] = FormatTime(rotatedAt);
        map[SecretFields.RotatedBy] = actor;
        map[SecretFields.NextDue] = FormatTime(rotatedAt.AddDays(MaxAgeDays(existing, defaultMaxAgeDays)));
        return map;
    }
}

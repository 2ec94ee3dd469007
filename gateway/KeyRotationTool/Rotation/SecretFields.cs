namespace AiGateway.KeyRotation.Rotation;

/// <summary>Field names of a <c>creds/&lt;service&gt;</c> secret and the custom metadata the tool keeps on it.</summary>
internal static class SecretFields
{
    public const string ApiKey = "api_key";
    public const string KeyId = "key_id";

    public const string PreviousKeyId = "previous_key_id";
    public const string RotatedAt = "rotated_at";
    public const string RotatedBy = "rotated_by";
    public const string NextDue = "next_due";
    public const string MaxAgeDays = "max_age_days";

    /// <summary>
    /// The key id a secret's data names, or null when it names none. <c>deploy/vault/bootstrap.sh</c> seeds
    /// <c>key_id=placeholder</c> next to a placeholder key that the provider never issued: revoking it can only
    /// fail, so it counts as "no key id".
    /// </summary>
    public static string? KeyIdOf(IReadOnlyDictionary<string, string> data)
    {
        var id = data.GetValueOrDefault(KeyId)?.Trim();
        return string.IsNullOrEmpty(id) || id == "placeholder" ? null : id;
    }
}

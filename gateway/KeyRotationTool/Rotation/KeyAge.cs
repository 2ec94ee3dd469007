namespace AiGateway.KeyRotation.Rotation;

/// <summary>How old a service's key is and when it is due, as of <see cref="EvaluatedAt"/>.</summary>
internal sealed record KeyAge(DateTimeOffset? Since, KeyAgeSource Source, int MaxAgeDays, DateTimeOffset EvaluatedAt)
{
    public TimeSpan? Age => Since is { } since ? EvaluatedAt - since : null;

    public DateTimeOffset? DueAt => Since?.AddDays(MaxAgeDays);

    /// <summary>Due when the age reaches the maximum, or when nothing says how old the key is (so it gets a known age).</summary>
    public bool IsDue => DueAt is not { } due || EvaluatedAt >= due;
}

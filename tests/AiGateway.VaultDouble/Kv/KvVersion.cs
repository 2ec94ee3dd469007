namespace AiGateway.VaultDouble;

/// <summary>One version of a KV v2 secret. Immutable: deleting or destroying it stores a changed copy.</summary>
/// <param name="CreatedTime">When it was written.</param>
/// <param name="DeletionTime">When it is (or was) soft-deleted; null when never. A future time does not hide it yet.</param>
/// <param name="Destroyed">Whether its data was permanently removed.</param>
/// <param name="DataJson">The <c>data</c> object as compact JSON text; null once destroyed.</param>
internal sealed record KvVersion(DateTimeOffset CreatedTime, DateTimeOffset? DeletionTime, bool Destroyed, string? DataJson)
{
    /// <summary>Destroyed, or soft-deleted at or before <paramref name="now"/>: reads answer 404 with the metadata.</summary>
    public bool IsHiddenAt(DateTimeOffset now) => Destroyed || (DeletionTime is { } deleted && deleted <= now);
}

namespace AiGateway.KeyRotation.Rotation;

/// <summary>The <c>status</c> table: one entry per service under <c>creds/</c>, or the error that kept <c>creds/</c> from being listed.</summary>
internal sealed record KeyStatusReport(IReadOnlyList<KeyStatusEntry> Entries, string? Error);

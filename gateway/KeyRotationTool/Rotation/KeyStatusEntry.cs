namespace AiGateway.KeyRotation.Rotation;

/// <summary>One service in the <c>status</c> table: its key state, or why it could not be read.</summary>
internal sealed record KeyStatusEntry(string Service, ServiceKeyState? State, string? Error);

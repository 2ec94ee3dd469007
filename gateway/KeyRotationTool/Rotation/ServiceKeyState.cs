namespace AiGateway.KeyRotation.Rotation;

/// <summary>What <c>status</c> and <c>--due</c> know about one service's key: ids, version and age, never the value.</summary>
internal sealed record ServiceKeyState(string Service, int Version, string? KeyId, string? Owner, KeyAge Age);

using AiGateway.KeyRotation.Rotation;

namespace AiGateway.KeyRotation.Cli;

/// <summary>Where results go: human lines as they happen, or one JSON document at the end (<c>--json</c>).</summary>
internal interface IToolOutput : IProgress<RotationProgress>
{
    void Rotation(RotationResult result);

    void Due(DueRotationReport report);

    void Status(KeyStatusReport report);
}

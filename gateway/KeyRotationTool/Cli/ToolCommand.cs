namespace AiGateway.KeyRotation.Cli;

/// <summary>What the command line asks for.</summary>
internal enum ToolCommand
{
    Help,
    Rotate,
    RotateDue,
    Status,
}

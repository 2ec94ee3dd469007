using AiGateway.KeyRotation.Rotation;

namespace AiGateway.KeyRotation.Cli;

/// <summary>The tool's exit codes; schedulers and runbooks key on them, so never renumber.</summary>
internal static class ExitCodes
{
    /// <summary>Everything done (or a dry run, or nothing due).</summary>
    public const int Ok = 0;

    /// <summary>Bad command line or configuration; nothing was touched.</summary>
    public const int Usage = 1;

    /// <summary>Rotation failed and nothing is left over: the old key is still in service (also: status could not read Vault).</summary>
    public const int Failed = 2;

    /// <summary>Partial: the new key is in service (or its fate is unknown) and something needs a human; the output says what.</summary>
    public const int Partial = 3;

    public static int For(RotationOutcome outcome) => outcome switch
    {
        RotationOutcome.Rotated or RotationOutcome.DryRun => Ok,
        RotationOutcome.Failed or RotationOutcome.RolledBack => Failed,
        _ => Partial,
    };

    /// <summary>The worst of all services: a partial rotation outranks a failed one, which outranks success.</summary>
    public static int For(DueRotationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var code = report.Error is null && report.Entries.All(e => e.Error is null) ? Ok : Failed;
        foreach (var rotation in report.Rotations)
        {
            code = Math.Max(code, For(rotation.Outcome));
        }
        return code;
    }

    public static int For(KeyStatusReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return report.Error is null && report.Entries.All(e => e.Error is null) ? Ok : Failed;
    }
}

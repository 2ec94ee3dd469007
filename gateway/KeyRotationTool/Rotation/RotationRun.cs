using AiGateway.KeyRotation.Provider;

namespace AiGateway.KeyRotation.Rotation;

/// <summary>The state of one rotation while it runs: what is known so far, its steps and its problems.</summary>
internal sealed class RotationRun
{
    private readonly List<string> _steps = [];
    private readonly List<string> _problems = [];
    private readonly IProgress<RotationProgress>? _progress;

    public RotationRun(string service, RotationRequest request, IProgress<RotationProgress>? progress)
    {
        Service = service;
        Path = SecretPaths.Credentials(service);
        Request = request;
        _progress = progress;
    }

    public string Service { get; }

    /// <summary>The secret's path on the mount (<c>creds/&lt;service&gt;</c>).</summary>
    public string Path { get; }

    public RotationRequest Request { get; }

    public int PreviousVersion { get; set; }

    public string? PreviousKeyId { get; set; }

    public ProviderKey? NewKey { get; set; }

    public int? NewVersion { get; set; }

    public DateTimeOffset? RotatedAt { get; set; }

    public string? AuditPath { get; set; }

    public bool OldKeyRevoked { get; set; }

    /// <summary>Something was left that a human must finish (a live key to revoke, a missing record).</summary>
    public bool NeedsHand { get; private set; }

    public IReadOnlyList<string> Problems => _problems;

    public void Step(RotationStage stage, string message)
    {
        _steps.Add(message);
        _progress?.Report(new RotationProgress(Service, stage, message));
    }

    public void Problem(string message, bool needsHand)
    {
        _problems.Add(message);
        NeedsHand |= needsHand;
        _progress?.Report(new RotationProgress(Service, RotationStage.Problem, message));
    }

    public RotationResult ToResult(RotationOutcome outcome) => new()
    {
        Service = Service,
        Outcome = outcome,
        PreviousKeyId = PreviousKeyId,
        NewKeyId = NewKey?.Id,
        PreviousVersion = PreviousVersion == 0 ? null : PreviousVersion,
        NewVersion = NewVersion,
        RotatedAt = RotatedAt,
        GraceSeconds = (int)Request.Grace.TotalSeconds,
        OldKeyRevoked = OldKeyRevoked,
        AuditPath = AuditPath,
        Steps = _steps.ToArray(),
        Problems = _problems.ToArray(),
    };
}

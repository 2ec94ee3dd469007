using System.Collections.Concurrent;
using AiGateway.KeyRotation.Rotation;

namespace AiGateway.KeyRotation.Tests.Infrastructure;

/// <summary>Records each step synchronously and lets a test wait for a stage without sleeping.</summary>
internal sealed class RecordingProgress : IProgress<RotationProgress>
{
    private readonly ConcurrentQueue<RotationProgress> _steps = new();
    private readonly ConcurrentDictionary<RotationStage, TaskCompletionSource> _reached = new();

    public IReadOnlyCollection<RotationProgress> Steps => _steps;

    public void Report(RotationProgress value)
    {
        _steps.Enqueue(value);
        Signal(value.Stage).TrySetResult();
    }

    /// <summary>Completes when <paramref name="stage"/> was reported; the timeout only guards against a hung test.</summary>
    public Task Reached(RotationStage stage) => Signal(stage).Task.WaitAsync(TimeSpan.FromSeconds(30));

    private TaskCompletionSource Signal(RotationStage stage) =>
        _reached.GetOrAdd(stage, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}

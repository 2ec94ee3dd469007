namespace AiGateway.UpstreamSimulator;

/// <summary>Simulated latency. Skips the timer entirely for 0 ms, the load-test default.</summary>
internal static class SimulatedDelay
{
    public static Task WaitAsync(int milliseconds, CancellationToken cancellationToken) =>
        milliseconds <= 0 ? Task.CompletedTask : Task.Delay(milliseconds, cancellationToken);
}

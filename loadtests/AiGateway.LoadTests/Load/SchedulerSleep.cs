using System.Runtime.InteropServices;

namespace AiGateway.LoadTests;

/// <summary>
/// Blocks the dedicated scheduler thread until a timestamp. A dedicated thread (rather than timers) is used
/// because the thread pool is busy with responses under load, and a pool timer would then fire late.
/// </summary>
internal static partial class SchedulerSleep
{
    // Above this, wait on the cancellation handle (millisecond resolution) and leave the rest to a short sleep.
    private static readonly TimeSpan CoarseThreshold = TimeSpan.FromMilliseconds(3);

    /// <summary>Returns at once when <paramref name="target"/> has passed; otherwise sleeps at least <paramref name="minimum"/>.</summary>
    public static void Until(TimeProvider clock, long target, TimeSpan minimum, CancellationToken cancellationToken)
    {
        var remaining = clock.GetElapsedTime(clock.GetTimestamp(), target);
        if (remaining <= TimeSpan.Zero || cancellationToken.IsCancellationRequested)
        {
            return;
        }

        if (remaining < minimum)
        {
            remaining = minimum;
        }

        if (!ReferenceEquals(clock, TimeProvider.System))
        {
            // A test clock: wait for the test to advance it (or for cancellation).
            try
            {
                Task.Delay(remaining, clock, cancellationToken).Wait(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // The caller checks the token.
            }

            return;
        }

        if (remaining > CoarseThreshold)
        {
            // Wake about a millisecond early; the caller's loop then sleeps the short remainder precisely.
            cancellationToken.WaitHandle.WaitOne(remaining - TimeSpan.FromMilliseconds(1));
            return;
        }

        SleepPrecisely(remaining);
    }

    private static void SleepPrecisely(TimeSpan duration)
    {
        // Thread.Sleep rounds down to whole milliseconds; at thousands of requests per second that would send
        // in millisecond bursts. usleep honours microseconds on Linux and macOS (with ~50 µs of timer slack).
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
        {
            _ = usleep((uint)Math.Max(1, duration.TotalMicroseconds));
        }
        else
        {
            Thread.Sleep(Math.Max(1, (int)duration.TotalMilliseconds));
        }
    }

    [LibraryImport("libc", SetLastError = false)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial int usleep(uint microseconds);
}

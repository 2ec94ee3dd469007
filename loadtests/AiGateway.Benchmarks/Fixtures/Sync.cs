namespace AiGateway.Benchmarks.Fixtures;

/// <summary>Waits for value tasks without allocating when they already completed (the common case measured).</summary>
internal static class Sync
{
    public static void Wait(ValueTask task)
    {
        if (task.IsCompletedSuccessfully)
        {
            task.GetAwaiter().GetResult();
            return;
        }
        task.AsTask().GetAwaiter().GetResult();
    }

    public static T Wait<T>(ValueTask<T> task) => task.IsCompletedSuccessfully ? task.Result : task.AsTask().GetAwaiter().GetResult();
}

using System.Runtime.InteropServices;

namespace AiGateway.LoadTests;

/// <summary>
/// Raises this process's open-file soft limit (RLIMIT_NOFILE) to its hard limit: every connection is a file
/// descriptor, and the usual soft limit of 1,024 stops a 10,000-stream run long before the target does.
/// </summary>
internal static partial class FileDescriptorLimit
{
    // RLIMIT_NOFILE on Linux; other systems are left alone (see the README for `ulimit -n`).
    private const int RlimitNoFile = 7;

    /// <summary>Raises the soft limit when possible and returns a line describing the result.</summary>
    public static string TryRaise(int wanted)
    {
        if (!OperatingSystem.IsLinux())
        {
            return $"open-file limit: not changed on this OS; run `ulimit -n {wanted}` first if you need {wanted} connections.";
        }

        if (getrlimit(RlimitNoFile, out var limit) != 0)
        {
            return "open-file limit: could not be read.";
        }

        if (limit.Current < limit.Maximum && limit.Current < (ulong)wanted)
        {
            var raised = limit with { Current = limit.Maximum };
            if (setrlimit(RlimitNoFile, in raised) == 0)
            {
                limit = raised;
            }
        }

        var note = limit.Current < (ulong)wanted ? $" (below {wanted}: raise the hard limit, e.g. `ulimit -Hn`, for that many connections)" : string.Empty;
        return $"open-file limit: {limit.Current}{note}";
    }

    [StructLayout(LayoutKind.Sequential)]
    private record struct ResourceLimit(ulong Current, ulong Maximum);

    [LibraryImport("libc", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial int getrlimit(int resource, out ResourceLimit limit);

    [LibraryImport("libc", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial int setrlimit(int resource, in ResourceLimit limit);
}

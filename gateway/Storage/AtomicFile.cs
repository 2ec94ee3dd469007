namespace AiGateway.Storage;

/// <summary>
/// Writes files so that a crash leaves either the old or the new content, never half of each
/// (write a temporary file, flush it to disk, then rename over the target).
/// </summary>
public static class AtomicFile
{
    public static async Task WriteAllBytesAsync(string path, ReadOnlyMemory<byte> content, bool ownerOnly, CancellationToken cancellationToken)
    {
        var temporary = path + ".tmp-" + Environment.ProcessId;
        await using (var stream = new FileStream(temporary, Options(ownerOnly, FileOptions.Asynchronous)))
        {
            await stream.WriteAsync(content, cancellationToken).ConfigureAwait(false);
            stream.Flush(flushToDisk: true);
        }
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The synchronous twin, for small writes made under a lock (breaker state, the spool after a replay).</summary>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> content, bool ownerOnly)
    {
        var temporary = path + ".tmp-" + Environment.ProcessId;
        using (var stream = new FileStream(temporary, Options(ownerOnly, FileOptions.None)))
        {
            stream.Write(content);
            stream.Flush(flushToDisk: true);
        }
        File.Move(temporary, path, overwrite: true);
    }

    private static FileStreamOptions Options(bool ownerOnly, FileOptions fileOptions)
    {
        var options = new FileStreamOptions
        {
            Mode = FileMode.Create,
            Access = FileAccess.Write,
            Share = FileShare.None,
            Options = fileOptions,
        };
        if (ownerOnly && !OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        return options;
    }

    /// <summary>
    /// Reads a generated secret from <paramref name="path"/>, creating it with <paramref name="create"/> the
    /// first time (owner-only permissions). Used for secrets the embedded default must keep across restarts.
    /// </summary>
    public static string ReadOrCreateSecret(string path, Func<string> create)
    {
        ArgumentNullException.ThrowIfNull(create);
        if (File.Exists(path))
        {
            return File.ReadAllText(path).Trim();
        }
        var value = create();
        WriteAllBytes(path, System.Text.Encoding.UTF8.GetBytes(value + "\n"), ownerOnly: true);
        return value;
    }
}

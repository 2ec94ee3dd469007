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
        var options = new FileStreamOptions
        {
            Mode = FileMode.Create,
            Access = FileAccess.Write,
            Share = FileShare.None,
            Options = FileOptions.Asynchronous,
        };
        if (ownerOnly && !OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        await using (var stream = new FileStream(temporary, options))
        {
            await stream.WriteAsync(content, cancellationToken).ConfigureAwait(false);
            stream.Flush(flushToDisk: true);
        }
        File.Move(temporary, path, overwrite: true);
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
        WriteAllBytesAsync(path, System.Text.Encoding.UTF8.GetBytes(value + "\n"), ownerOnly: true, CancellationToken.None)
            .GetAwaiter().GetResult(); // start-up only, before any request is served
        return value;
    }
}

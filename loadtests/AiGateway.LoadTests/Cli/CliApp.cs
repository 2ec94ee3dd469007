namespace AiGateway.LoadTests;

/// <summary>The command line: <c>run</c>, <c>plan</c> and <c>--help</c>.</summary>
public static class CliApp
{
    /// <summary>Runs the command in <paramref name="args"/> and returns the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        try
        {
            var plan = args switch
            {
                [] or ["--help" or "-h" or "help", ..] => null,
                ["run", .. var rest] => RunArgumentsParser.Parse(rest),
                ["plan", var file] => PlanFileReader.Read(file),
                ["plan", var file, "--out", var folder] => PlanFileReader.Read(file, folder),
                _ => throw new CliUsageException($"unknown command '{string.Join(' ', args)}'."),
            };

            if (plan is null)
            {
                await output.WriteLineAsync(CliUsage.Text).ConfigureAwait(false);
                return 0;
            }

            var report = await PlanExecutor.ExecuteAsync(plan, output, cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync().ConfigureAwait(false);
            await output.WriteLineAsync(MarkdownReportWriter.Write(report)).ConfigureAwait(false);
            await output.WriteLineAsync($"Wrote {Path.Combine(plan.OutputFolder, ReportFiles.MarkdownFileName)} and {Path.Combine(plan.OutputFolder, ReportFiles.JsonFileName)}").ConfigureAwait(false);
            return 0;
        }
        catch (CliUsageException ex)
        {
            await error.WriteLineAsync($"aigw-load: {ex.Message}{Environment.NewLine}Run 'aigw-load --help' for usage.").ConfigureAwait(false);
            return 2;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync("aigw-load: cancelled; no report written.").ConfigureAwait(false);
            return 130;
        }
    }
}

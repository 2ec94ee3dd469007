using System.Text.Json;

namespace AiGateway.LoadTests;

/// <summary>Writes a report as <c>report.md</c> and <c>report.json</c> into a folder.</summary>
public static class ReportFiles
{
    /// <summary>File name of the Markdown report.</summary>
    public const string MarkdownFileName = "report.md";

    /// <summary>File name of the JSON report.</summary>
    public const string JsonFileName = "report.json";

    /// <summary>Creates <paramref name="folder"/> if needed and writes both files, replacing older ones.</summary>
    public static async Task WriteAsync(LoadReport report, string folder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, MarkdownFileName), MarkdownReportWriter.Write(report), cancellationToken).ConfigureAwait(false);
        await using var json = File.Create(Path.Combine(folder, JsonFileName));
        await JsonSerializer.SerializeAsync(json, report, ReportJsonContext.Default.LoadReport, cancellationToken).ConfigureAwait(false);
    }
}

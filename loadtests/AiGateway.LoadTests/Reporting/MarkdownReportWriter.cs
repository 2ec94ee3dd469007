using System.Globalization;
using System.Text;

namespace AiGateway.LoadTests;

/// <summary>Renders a <see cref="LoadReport"/> as Markdown: per scenario, one table with a row per target, ready to paste into a README.</summary>
public static class MarkdownReportWriter
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The whole report as Markdown.</summary>
    public static string Write(LoadReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var md = new StringBuilder();
        md.AppendLine("# aigw-load report").AppendLine();
        md.Append(Invariant, $"Generated {report.GeneratedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC. Latencies in ms, successful requests only. ")
          .AppendLine("In inject (open-model) runs latency counts from each request's intended send time, so queueing is not hidden; service time counts from the actual send.")
          .AppendLine();

        foreach (var group in report.Results.GroupBy(r => r.Scenario, StringComparer.Ordinal))
        {
            var results = group.ToList();
            md.Append(Invariant, $"## {group.Key} — {results[0].Load}").AppendLine().AppendLine();
            WriteLatencyTable(md, results);
            WriteStreamTable(md, results);
            WriteErrors(md, results);
            WriteComparison(md, report.Comparisons.Where(c => c.Scenario == group.Key).ToList());
        }

        return md.ToString();
    }

    private static void WriteLatencyTable(StringBuilder md, List<ScenarioResult> results)
    {
        md.AppendLine("| Target | Requests | OK | Errors | Dropped | RPS | p50 | p90 | p99 | p99.9 | max | service p50 | service p99 |")
          .AppendLine("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var r in results)
        {
            var l = r.Latency;
            md.Append(Invariant, $"| {Name(r)} | {r.Requests} | {r.Ok} | {r.Errors} | {r.Dropped} | {r.Rps:0.0} | ")
              .Append(Invariant, $"{l.P50Ms:0.000} | {l.P90Ms:0.000} | {l.P99Ms:0.000} | {l.P999Ms:0.000} | {l.MaxMs:0.000} | ")
              .Append(Invariant, $"{r.ServiceTime.P50Ms:0.000} | {r.ServiceTime.P99Ms:0.000} |")
              .AppendLine();
        }

        md.AppendLine();
    }

    private static void WriteStreamTable(StringBuilder md, List<ScenarioResult> results)
    {
        if (results.All(r => r.Streams is null))
        {
            return;
        }

        md.AppendLine("| Target | Streams | Ended with [DONE] | TTFT p50 | TTFT p99 | Stream p50 | Stream p99 | Completion tokens |")
          .AppendLine("|---|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var r in results.Where(r => r.Streams is not null))
        {
            var s = r.Streams!;
            md.Append(Invariant, $"| {Name(r)} | {s.Started} | {s.Completed} | {s.TimeToFirstToken.P50Ms:0.000} | {s.TimeToFirstToken.P99Ms:0.000} | ")
              .Append(Invariant, $"{s.StreamTime.P50Ms:0.000} | {s.StreamTime.P99Ms:0.000} | {r.CompletionTokens} |")
              .AppendLine();
        }

        md.AppendLine();
    }

    private static void WriteErrors(StringBuilder md, List<ScenarioResult> results)
    {
        var failing = results.Where(r => r.ErrorsByClass.Count > 0).ToList();
        if (failing.Count == 0)
        {
            return;
        }

        md.AppendLine("Errors:").AppendLine();
        foreach (var r in failing)
        {
            md.Append(Invariant, $"- **{Name(r)}**: ")
              .AppendJoin(", ", r.ErrorsByClass.Select(e => string.Create(Invariant, $"{e.Key} × {e.Value}")))
              .AppendLine();
        }

        md.AppendLine();
    }

    private static void WriteComparison(StringBuilder md, List<TargetComparison> comparisons)
    {
        if (comparisons.Count == 0)
        {
            return;
        }

        md.Append(Invariant, $"Compared with `{comparisons[0].Baseline}`:").AppendLine().AppendLine()
          .AppendLine("| Target | p50 Δ ms | p99 Δ ms | RPS Δ |")
          .AppendLine("|---|--:|--:|--:|");
        foreach (var c in comparisons)
        {
            md.Append(Invariant, $"| {c.Target} | {Signed(c.P50DeltaMs, "0.000")}{Percent(c.P50DeltaPercent)} | ")
              .Append(Invariant, $"{Signed(c.P99DeltaMs, "0.000")}{Percent(c.P99DeltaPercent)} | {Signed(c.RpsDelta, "0.0")}{Percent(c.RpsDeltaPercent)} |")
              .AppendLine();
        }

        md.AppendLine();
    }

    private static string Name(ScenarioResult result) => result.Target ?? result.Scenario;

    private static string Signed(double value, string format) => (value >= 0 ? "+" : string.Empty) + value.ToString(format, Invariant);

    private static string Percent(double? value) => value is { } p ? $" ({Signed(p, "0.0")}%)" : string.Empty;
}

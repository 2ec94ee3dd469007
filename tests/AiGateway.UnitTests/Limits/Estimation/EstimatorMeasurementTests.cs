using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using AiGateway.Limits.Estimation;
using Xunit.Abstractions;

namespace AiGateway.UnitTests.Limits.Estimation;

/// <summary>
/// Measures what each prompt estimator costs per request and how far it is from the exact cookbook count (not a
/// timed assertion: the numbers go to <c>loadtests/results/estimator.md</c> and the README quotes them).
/// </summary>
[Collection(EstimatorMeasurementSerial.Name)]
public sealed class EstimatorMeasurementTests(ITestOutputHelper output)
{
    // The full run (AIGW_MEASURE=1) rewrites the committed report; the normal test run measures a small
    // sample into a temporary file, so a busy CI machine never replaces the published numbers.
    private static readonly bool Full = Environment.GetEnvironmentVariable("AIGW_MEASURE") == "1";
    private static readonly int Bodies = Full ? 1_000 : 60;
    private const int Seed = 2026;
    private const int FastPasses = 20;
    private const int ExactRepeatPasses = 3;

    [Fact]
    public void Measure_EstimatorCostAndError_WritesReport()
    {
        var corpus = PromptCorpus.Mix(Bodies, Seed);
        var categories = new[] { PromptCorpus.ShortChat, PromptCorpus.Rag, PromptCorpus.Embeddings };

        // Warm-up on a different corpus: JIT, tokenizer vocabularies and the common words in the tokenizer's cache,
        // but not this corpus's invented words and ids.
        foreach (var body in PromptCorpus.Mix(200, Seed + 1))
        {
            FastPromptEstimator.Instance.Estimate(body.Body, body.Shape);
            ExactPromptEstimator.O200kBase.Estimate(body.Body, body.Shape);
        }

        var exactFresh = Run(ExactPromptEstimator.O200kBase, corpus, passes: 1);
        var exactRepeat = Run(ExactPromptEstimator.O200kBase, corpus, ExactRepeatPasses);
        var fast = Run(FastPromptEstimator.Instance, corpus, FastPasses);

        var report = new StringBuilder()
            .AppendLine("# Prompt token estimators: cost and accuracy")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Measured by `{nameof(EstimatorMeasurementTests)}.{nameof(Measure_EstimatorCostAndError_WritesReport)}`, {BuildConfiguration()} build, {Environment.ProcessorCount} cores{LoadAverage()}, {RuntimeInformation.OSDescription.Trim()}, {RuntimeInformation.FrameworkDescription}, {DateTime.UtcNow:yyyy-MM-dd}.")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Corpus: {Bodies:N0} generated request bodies (seed {Seed}, `PromptCorpus.Mix`), half with non-ASCII `\\u`-escaped, half raw UTF-8. Reference: the OpenAI cookbook count with o200k_base, computed the way the upstream simulator computes it (whole strings, `JsonDocument`).")
            .AppendLine()
            .AppendLine("| body mix | bodies | mean body | mean prompt tokens |")
            .AppendLine("|---|---|---|---|");
        foreach (var category in categories)
        {
            var bodies = corpus.Where(b => b.Category == category).ToArray();
            report.AppendLine(CultureInfo.InvariantCulture, $"| {category} | {bodies.Length} | {bodies.Average(b => b.Body.Length) / 1024:0.0} KiB | {bodies.Average(b => b.Expected):N0} |");
        }

        report.AppendLine()
            .AppendLine("## Cost per call")
            .AppendLine()
            .AppendLine("Sequential calls on one thread, after warm-up. Exact, fresh: the first pass over the corpus (its invented words and ids are new to the tokenizer's cache, as live traffic is); exact, repeated: three more passes over the same bodies (cache-warm, a lower bound).")
            .AppendLine()
            .AppendLine("| estimator | body mix | calls | mean | p50 | p99 | per 1k prompt tokens | allocated per call |")
            .AppendLine("|---|---|---|---|---|---|---|---|");
        var numbers = new List<double>();
        foreach (var (name, run) in new[] { ("Fast", fast), ("Exact, fresh", exactFresh), ("Exact, repeated", exactRepeat) })
        {
            foreach (var category in categories.Append("all"))
            {
                var cost = run.Cost(category, corpus);
                numbers.AddRange([cost.MeanMicros, cost.P50Micros, cost.P99Micros, cost.MicrosPerThousandTokens, cost.AllocatedPerCall]);
                report.AppendLine(CultureInfo.InvariantCulture,
                    $"| {name} | {category} | {cost.Calls:N0} | {Micros(cost.MeanMicros)} | {Micros(cost.P50Micros)} | {Micros(cost.P99Micros)} | {Micros(cost.MicrosPerThousandTokens)} | {cost.AllocatedPerCall:N0} B |");
            }
        }

        report.AppendLine()
            .AppendLine("## Error against the exact cookbook count")
            .AppendLine()
            .AppendLine("Relative error `(estimate − exact) / exact` per body; positive over-reserves.")
            .AppendLine()
            .AppendLine("| estimator | body mix | mean signed | p50 abs | p95 abs | worst under | worst over | share under |")
            .AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var (name, run) in new[] { ("Fast", fast), ("Exact", exactFresh) })
        {
            foreach (var category in categories.Append("all"))
            {
                var stats = run.Errors(category, corpus);
                numbers.AddRange([stats.MeanSigned, stats.P50Absolute, stats.P95Absolute, stats.Min, stats.Max, stats.UnderShare]);
                report.AppendLine(CultureInfo.InvariantCulture,
                    $"| {name} | {category} | {stats.MeanSigned:+0.0%;-0.0%;0.0%} | {stats.P50Absolute:0.0%} | {stats.P95Absolute:0.0%} | {stats.Min:+0.0%;-0.0%;0.0%} | {stats.Max:+0.0%;-0.0%;0.0%} | {stats.UnderShare:0%} |");
            }
        }

        report.AppendLine()
            .AppendLine("Allocation is counted on the calling thread. The fast estimator's only buffer is pooled; the exact one allocates inside Microsoft.ML.Tokenizers when a word misses its cache.");

        var path = Full ? Path.Combine(RepositoryRoot(), "loadtests", "results", "estimator.md") : Path.Combine(Path.GetTempPath(), $"estimator-{Guid.NewGuid():N}.md");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, report.ToString());
        output.WriteLine(report.ToString());

        Assert.True(File.Exists(path));
        Assert.Contains("| Fast |", File.ReadAllText(path), StringComparison.Ordinal);
        Assert.All(numbers, n => Assert.True(double.IsFinite(n), "every reported number is finite"));
    }

    private static RunResult Run(IPromptEstimator estimator, IReadOnlyList<CorpusBody> corpus, int passes)
    {
        var ticks = new long[passes * corpus.Count];
        var allocated = new long[corpus.Count];
        var estimates = new int[corpus.Count];
        for (var pass = 0; pass < passes; pass++)
        {
            for (var i = 0; i < corpus.Count; i++)
            {
                var body = corpus[i];
                var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
                var start = Stopwatch.GetTimestamp();
                var estimate = estimator.Estimate(body.Body, body.Shape);
                ticks[(pass * corpus.Count) + i] = Stopwatch.GetTimestamp() - start;
                allocated[i] += GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
                estimates[i] = estimate.PromptTokens;
            }
        }

        return new RunResult(passes, ticks, allocated, estimates);
    }

    private static string Micros(double micros) => micros < 10
        ? micros.ToString("0.00", CultureInfo.InvariantCulture) + " µs"
        : micros.ToString("N0", CultureInfo.InvariantCulture) + " µs";

    private static string BuildConfiguration() =>
        typeof(FastPromptEstimator).Assembly.GetCustomAttribute<DebuggableAttribute>()?.IsJITOptimizerDisabled == true
            ? "**Debug** (JIT optimizations off in the gateway assembly: run `dotnet test -c Release` for representative numbers)"
            : "Release";

    /// <summary>The 1-minute load average where the OS reports one: timings on a busy machine read high.</summary>
    private static string LoadAverage()
    {
        try
        {
            var fields = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ') : [];
            return fields.Length > 0 ? $" (load average {fields[0]} at the end)" : string.Empty;
        }
        catch (IOException)
        {
            return string.Empty;
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AiGateway.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("AiGateway.sln not found.");
    }

    private sealed record Cost(int Calls, double MeanMicros, double P50Micros, double P99Micros, double MicrosPerThousandTokens, double AllocatedPerCall);

    private sealed record RunResult(int Passes, long[] Ticks, long[] Allocated, int[] Estimates)
    {
        public Cost Cost(string category, IReadOnlyList<CorpusBody> corpus)
        {
            var indices = Indices(category, corpus);
            var micros = new List<double>();
            for (var pass = 0; pass < Passes; pass++)
            {
                micros.AddRange(indices.Select(i => Ticks[(pass * corpus.Count) + i] * 1_000_000.0 / Stopwatch.Frequency));
            }

            var sorted = micros.Order().ToArray();
            var mean = sorted.Average();
            var meanTokens = indices.Average(i => (double)corpus[i].Expected);
            return new Cost(
                sorted.Length,
                mean,
                ErrorStats.Percentile(sorted, 0.50),
                ErrorStats.Percentile(sorted, 0.99),
                mean / meanTokens * 1000,
                indices.Average(i => (double)Allocated[i]) / Passes);
        }

        public ErrorStats Errors(string category, IReadOnlyList<CorpusBody> corpus) =>
            ErrorStats.Of(Indices(category, corpus).Select(i => (Estimates[i] - corpus[i].Expected) / (double)corpus[i].Expected).ToArray());

        private static int[] Indices(string category, IReadOnlyList<CorpusBody> corpus) =>
            Enumerable.Range(0, corpus.Count).Where(i => category == "all" || corpus[i].Category == category).ToArray();
    }
}

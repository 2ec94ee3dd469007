using System.Diagnostics;
using System.Globalization;
using System.Text;
using AiGateway.Limits;
using AiGateway.Storage.Redis;

namespace AiGateway.UnitTests.Limits;

/// <summary>
/// Measures what one admission costs (not a timed assertion). With <c>AIGW_MEASURE=1</c> it takes the full
/// sample and writes <c>loadtests/results/admission.md</c>, which the README quotes; in the normal test run
/// it takes a small sample into a temporary file, so a busy CI machine never rewrites the committed numbers.
/// Redis: one EVALSHA round trip to a local redis-server; embedded: the in-process twin.
/// </summary>
public sealed class AdmissionCostMeasurement : IClassFixture<RedisServerFixture>
{
    private static readonly bool Full = Environment.GetEnvironmentVariable("AIGW_MEASURE") == "1";
    private static readonly int Warmup = Full ? 2_000 : 100;
    private static readonly int Samples = Full ? 20_000 : 500;
    private readonly RedisServerFixture _redis;

    public AdmissionCostMeasurement(RedisServerFixture redis) => _redis = redis;

    [Fact]
    public async Task Measure_AdmissionRoundTrip_WritesReport()
    {
        // Generous timeouts: a measurement must not fail because the machine is busy with other tests.
        using var connection = new RedisConnection(new RedisOptions { Configuration = _redis.Server.Configuration + ",asyncTimeout=30000,syncTimeout=30000", KeyPrefix = "measure" });
        var stores = new (string Name, IAdmissionStore Store)[]
        {
            ("Redis (local redis-server, 1 EVALSHA)", new RedisAdmissionStore(connection)),
            ("Embedded (in-process)", new EmbeddedAdmissionStore(TimeProvider.System)),
        };
        var report = new StringBuilder()
            .AppendLine("# Admission cost")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Measured by `{nameof(AdmissionCostMeasurement)}` on {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd}; {Samples:N0} sequential admissions after {Warmup:N0} warm-up, team and token limits set (four windows checked and updated per call).")
            .AppendLine()
            .AppendLine("| store | p50 | p90 | p99 | max | allocated per call |")
            .AppendLine("|---|---|---|---|---|---|");
        foreach (var (name, store) in stores)
        {
            var request = new AdmissionRequest("measure", "tok_m", new LimitSpec(long.MaxValue / 4, long.MaxValue / 4), new LimitSpec(long.MaxValue / 4, long.MaxValue / 4), 100);
            for (var i = 0; i < Warmup; i++)
            {
                await store.AdmitAsync(request, default);
            }
            var ticks = new long[Samples];
            var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < Samples; i++)
            {
                var start = Stopwatch.GetTimestamp();
                await store.AdmitAsync(request, default);
                ticks[i] = Stopwatch.GetTimestamp() - start;
            }
            var allocated = (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / Samples;
            Array.Sort(ticks);
            string At(double q) => Format(ticks[(int)Math.Min(ticks.Length - 1, q * ticks.Length)]);
            report.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {At(0.50)} | {At(0.90)} | {At(0.99)} | {Format(ticks[^1])} | {allocated} B |");
        }
        report.AppendLine().AppendLine("Allocation is counted on the calling thread only (async continuations on other threads are not included).");

        var path = Full ? Path.Combine(RepositoryRoot(), "loadtests", "results", "admission.md") : Path.Combine(Path.GetTempPath(), $"admission-{Guid.NewGuid():N}.md");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, report.ToString());

        Assert.True(File.Exists(path));
        Assert.Contains("| Redis", await File.ReadAllTextAsync(path), StringComparison.Ordinal);
    }

    private static string Format(long ticks) => (ticks * 1_000_000.0 / Stopwatch.Frequency).ToString("0", CultureInfo.InvariantCulture) + " µs";

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
}

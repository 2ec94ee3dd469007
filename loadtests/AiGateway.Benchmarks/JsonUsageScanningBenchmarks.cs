using AiGateway.Benchmarks.Fixtures;
using AiGateway.Metering;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Http;

namespace AiGateway.Benchmarks;

/// <summary>A non-streamed chat completion (<see cref="Tokens"/> output tokens) through the JSON usage scanner and the meter.</summary>
[MemoryDiagnoser]
public class JsonUsageScanningBenchmarks
{
    private byte[][] _writes = [];
    private JsonUsageScanner _scanner = null!;
    private DefaultHttpContext _context = null!;

    [Params(16, 256)]
    public int Tokens { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        // Small bodies arrive in one read; larger ones in 4 KiB reads.
        _writes = ChatStreams.Completion(Tokens).Chunk(4096).ToArray();
        _scanner = new JsonUsageScanner();
        _context = MeteredResponses.Context("application/json");
    }

    [GlobalCleanup]
    public void Cleanup() => _scanner.Dispose();

    [Benchmark(Baseline = true)]
    public int Scanner()
    {
        _scanner.Reset();
        foreach (var write in _writes)
        {
            _scanner.Append(write);
        }
        return _scanner.Result!.Value.TotalTokens;
    }

    [Benchmark]
    public int Meter() => MeteredResponses.Run(_context, _writes, strip: false);
}

using AiGateway.Benchmarks.Fixtures;
using AiGateway.Metering;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Http;

namespace AiGateway.Benchmarks;

/// <summary>
/// One streamed chat response (role chunk, <see cref="Deltas"/> token chunks, finish chunk, usage chunk,
/// <c>[DONE]</c>, in the simulator's format) through the SSE scanner, the usage-chunk stripper, and the whole
/// <see cref="ResponseUsageMeter"/> as installed on a request (writing to a null body), per stream.
/// </summary>
[MemoryDiagnoser]
public class SseUsageScanningBenchmarks
{
    private byte[][] _writes = [];
    private SseUsageScanner _scanner = null!;
    private DefaultHttpContext _context = null!;

    [Params(16, 256)]
    public int Deltas { get; set; }

    /// <summary>0: one write per event (the simulator flushes each); otherwise reads of this many bytes.</summary>
    [Params(0, 4096)]
    public int ReadSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _writes = ChatStreams.Writes(Deltas, ReadSize);
        _scanner = new SseUsageScanner();
        _context = MeteredResponses.Context("text/event-stream");
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
        return _scanner.Usage!.Value.TotalTokens;
    }

    [Benchmark]
    public int Stripper()
    {
        using var scanner = new SseUsageScanner();
        using var stripper = new SseUsageChunkStripper(scanner);
        var forwarded = 0;
        foreach (var write in _writes)
        {
            var range = stripper.Process(write);
            forwarded += range.Length;
            if (range.Pooled is { } pooled)
            {
                SseUsageChunkStripper.ReturnBuffer(pooled);
            }
        }
        return forwarded;
    }

    /// <summary>Install → WriteAsync per read (as YARP's copier does) → FinishAsync; the client did not ask for usage.</summary>
    [Benchmark]
    public int Meter_StripUsage() => MeteredResponses.Run(_context, _writes, strip: true);

    [Benchmark]
    public int Meter_KeepUsage() => MeteredResponses.Run(_context, _writes, strip: false);
}

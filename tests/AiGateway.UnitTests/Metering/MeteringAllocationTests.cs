using AiGateway.Metering;
using Microsoft.AspNetCore.Http;
using Xunit.Abstractions;

namespace AiGateway.UnitTests.Metering;

/// <summary>
/// Allocation per request/event, measured on this thread and reported in the test output. The bounds
/// asserted are counts of objects, not timings: they fail only if someone adds per-event allocations.
/// </summary>
public class MeteringAllocationTests
{
    private const int Rounds = 2000;
    private readonly ITestOutputHelper _output;

    public MeteringAllocationTests(ITestOutputHelper output) => _output = output;

    private static long Measure(Action action)
    {
        for (var i = 0; i < 50; i++)
        {
            action(); // warm up pools, JIT tiers and statics
        }
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Rounds; i++)
        {
            action();
        }
        return (GC.GetAllocatedBytesForCurrentThread() - before) / Rounds;
    }

    [Fact]
    public void SseUsageScanner_SteadyState_AllocatesNothingPerEvent()
    {
        var bytes = WireFixtures.Bytes(WireFixtures.ChatStream);
        var chunks = Chunking.Split(bytes, [64]);
        using var scanner = new SseUsageScanner();

        var perStream = Measure(() =>
        {
            scanner.Reset();
            foreach (var chunk in chunks)
            {
                scanner.Append(chunk);
            }
        });

        _output.WriteLine($"SseUsageScanner: {perStream} B per 5-event stream (64-byte chunks)");
        Assert.Equal(11, scanner.Usage!.Value.TotalTokens);
        Assert.Equal(0, perStream);
    }

    [Fact]
    public void JsonUsageScanner_SteadyState_AllocatesNothingPerBody()
    {
        var chunks = Chunking.Split(WireFixtures.Bytes(WireFixtures.ChatCompletion), [100]);
        using var scanner = new JsonUsageScanner();

        var perBody = Measure(() =>
        {
            scanner.Reset();
            foreach (var chunk in chunks)
            {
                scanner.Append(chunk);
            }
        });

        _output.WriteLine($"JsonUsageScanner: {perBody} B per body");
        Assert.Equal(222, scanner.Result!.Value.TotalTokens);
        Assert.Equal(0, perBody);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ResponseUsageMeter_PerRequest_OnlyItsOwnObjects(bool strip)
    {
        var context = new DefaultHttpContext();
        context.Response.Body = Stream.Null;
        context.Response.ContentType = "text/event-stream";
        // Cut inside events so stripping has to hold bytes back and reassemble them.
        var chunks = Chunking.Split(WireFixtures.Bytes(WireFixtures.ChatStream), [97]).Select(c => new ReadOnlyMemory<byte>(c)).ToArray();
        MeteredResponse last = default;

        var perRequest = Measure(() =>
        {
            var meter = ResponseUsageMeter.Install(context, strip);
            var body = context.Response.Body;
            foreach (var chunk in chunks)
            {
                var write = body.WriteAsync(chunk);
                Assert.True(write.IsCompletedSuccessfully);
            }
            var finish = meter.FinishAsync();
            Assert.True(finish.IsCompletedSuccessfully);
            last = finish.Result;
        });

        _output.WriteLine($"ResponseUsageMeter (strip={strip}): {perRequest} B per request ({chunks.Length} writes, 5 events)");
        Assert.Equal(11, last.Usage!.Value.TotalTokens);
        // Meter + stream + SSE scanner (+ stripper): a few hundred bytes, independent of the stream length.
        Assert.InRange(perRequest, 1, 1024);
    }

    [Fact]
    public void RequestBodyRewriter_NothingToChange_AllocatesNothing()
    {
        var body = WireFixtures.Bytes("""{"model":"m","messages":[{"role":"user","content":"hi"}],"max_tokens":64,"stream":true,"stream_options":{"include_usage":true}}""");
        RequestRewrite result = default;

        var perCall = Measure(() => result = RequestBodyRewriter.Rewrite(body, new RequestRewriteOptions(100, true)));

        _output.WriteLine($"RequestBodyRewriter (no change): {perCall} B per call");
        Assert.False(result.Changed);
        Assert.Equal(0, perCall);
    }

    [Fact]
    public void RequestBodyRewriter_Change_AllocatesOnlyTheBodyObject()
    {
        var body = WireFixtures.Bytes("""{"model":"m","messages":[{"role":"user","content":"hi"}],"stream":true}""");
        var changed = false;

        var perCall = Measure(() =>
        {
            var result = RequestBodyRewriter.Rewrite(body, new RequestRewriteOptions(100, true));
            changed = result.Changed;
            result.Body!.Dispose();
        });

        _output.WriteLine($"RequestBodyRewriter (insert cap + stream_options): {perCall} B per call");
        Assert.True(changed);
        Assert.InRange(perCall, 1, 64);
    }
}

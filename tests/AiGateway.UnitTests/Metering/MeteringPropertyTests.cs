using AiGateway.Metering;
using FsCheck.Xunit;
using Microsoft.AspNetCore.Http;

namespace AiGateway.UnitTests.Metering;

[Properties(Arbitrary = [typeof(MeteringGenerators)], MaxTest = 300)]
public class MeteringPropertyTests
{
    private static SseUsageScanner ScanAll(byte[] stream, IReadOnlyList<int> sizes)
    {
        var scanner = new SseUsageScanner();
        foreach (var chunk in Chunking.Split(stream, sizes))
        {
            scanner.Append(chunk);
        }
        return scanner;
    }

    [Property]
    public void SseScanner_AnyChunking_SameResultAsWholeStreamAndAsGenerated(SseStreamCase c)
    {
        using var whole = ScanAll(c.Stream, [int.MaxValue]);
        using var chunked = ScanAll(c.Stream, c.ChunkSizes);

        Assert.Equal(c.Usage, whole.Usage);
        Assert.Equal(c.Done, whole.SawDone);
        Assert.Equal(c.Fragments, whole.ContentFragments);
        Assert.Equal(c.ContentBytes, whole.ContentBytes);
        Assert.Equal(0, whole.MalformedEvents);
        Assert.Equal(whole.Usage, chunked.Usage);
        Assert.Equal(whole.SawDone, chunked.SawDone);
        Assert.Equal(whole.ContentFragments, chunked.ContentFragments);
        Assert.Equal(whole.ContentBytes, chunked.ContentBytes);
        Assert.Equal(whole.UsageOnlyEvents, chunked.UsageOnlyEvents);
    }

    [Property]
    public async Task Meter_StripOn_OutputIsInputMinusUsageEventByteForByte(SseStreamCase c)
    {
        var (output, result) = await RunMeterAsync(c, strip: true);

        Assert.Equal(c.StreamWithoutUsageEvent, output);
        Assert.Equal(c.Usage, result.Usage);
        Assert.Equal(c.Usage is null ? 0 : 1, result.StrippedUsageChunks);
        Assert.Equal(c.Fragments, result.ContentFragments);
    }

    [Property]
    public async Task Meter_StripOff_OutputIsInputExactly(SseStreamCase c)
    {
        var (output, result) = await RunMeterAsync(c, strip: false);

        Assert.Equal(c.Stream, output);
        Assert.Equal(c.Usage, result.Usage);
        Assert.Equal(c.Done, result.SawDone);
    }

    [Property]
    public void JsonScanner_AnyChunking_FindsOnlyTopLevelUsage(JsonBodyCase c)
    {
        using var whole = new JsonUsageScanner();
        whole.Append(c.Body);
        using var chunked = new JsonUsageScanner();
        foreach (var chunk in Chunking.Split(c.Body, c.ChunkSizes))
        {
            chunked.Append(chunk);
        }

        Assert.Equal(c.Usage, whole.Result);
        Assert.Equal(c.Usage, chunked.Result);
    }

    /// <summary>Runs the stream through an installed meter, alternating sync and async writes, flushing after each.</summary>
    private static async Task<(byte[] Output, MeteredResponse Result)> RunMeterAsync(SseStreamCase c, bool strip)
    {
        var context = new DefaultHttpContext();
        using var spy = new SpyStream();
        context.Response.Body = spy;
        context.Response.ContentType = "text/event-stream; charset=utf-8";
        var meter = ResponseUsageMeter.Install(context, strip);
        var i = 0;
        foreach (var chunk in Chunking.Split(c.Stream, c.ChunkSizes))
        {
            if (i++ % 2 == 0)
            {
                context.Response.Body.Write(chunk);
                context.Response.Body.Flush();
            }
            else
            {
                await context.Response.Body.WriteAsync(chunk);
                await context.Response.Body.FlushAsync();
            }
        }
        var result = await meter.FinishAsync();
        return (spy.Content, result);
    }
}

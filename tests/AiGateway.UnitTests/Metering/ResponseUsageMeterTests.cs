using System.Runtime.CompilerServices;
using System.Text;
using AiGateway.Metering;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace AiGateway.UnitTests.Metering;

public class ResponseUsageMeterTests
{
    private static (DefaultHttpContext Context, SpyStream Spy) NewContext(int status = 200, string? contentType = "text/event-stream")
    {
        var context = new DefaultHttpContext();
        var spy = new SpyStream();
        context.Response.Body = spy;
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        return (context, spy);
    }

    /// <summary>Writes the way YARP's StreamCopier does: WriteAsync per chunk (here also a flush each time).</summary>
    private static async Task CopyAsync(HttpContext context, string body, int chunkSize, bool flush = true)
    {
        foreach (var chunk in Chunking.Split(WireFixtures.Bytes(body), [chunkSize]))
        {
            await context.Response.Body.WriteAsync(chunk);
            if (flush)
            {
                await context.Response.Body.FlushAsync();
            }
        }
    }

    [Fact]
    public async Task Install_ReplacesBodyFeature_FinishRestoresIt()
    {
        var (context, _) = NewContext();
        var original = context.Features.Get<IHttpResponseBodyFeature>();

        var meter = ResponseUsageMeter.Install(context, stripUsageChunk: false);

        Assert.Same(meter, context.Features.Get<IHttpResponseBodyFeature>());
        Assert.IsType<MeteredResponseStream>(context.Response.Body);
        await meter.FinishAsync();
        Assert.Same(original, context.Features.Get<IHttpResponseBodyFeature>());
    }

    [Fact]
    public async Task WriteAsync_SseStream_PassesSameWritesAndFlushesThrough()
    {
        var (context, spy) = NewContext();
        var meter = ResponseUsageMeter.Install(context, stripUsageChunk: false);

        await CopyAsync(context, WireFixtures.ChatStream, chunkSize: 50);
        var result = await meter.FinishAsync();

        var expected = new List<string>();
        foreach (var chunk in Chunking.Split(WireFixtures.Bytes(WireFixtures.ChatStream), [50]))
        {
            expected.Add("W:" + Encoding.UTF8.GetString(chunk));
            expected.Add("F");
        }
        Assert.Equal(expected, spy.Operations);
        Assert.Equal(ResponseMeterMode.EventStream, result.Mode);
        Assert.Equal(new UsageReport(9, 2, 11, true), result.Usage);
        Assert.True(result.SawDone);
        Assert.Equal(0, result.StrippedUsageChunks);
    }

    [Fact]
    public async Task Write_SyncPath_PassesBytesAndScans()
    {
        var (context, spy) = NewContext(contentType: "application/json; charset=utf-8");
        var meter = ResponseUsageMeter.Install(context, stripUsageChunk: false);

        foreach (var chunk in Chunking.Split(WireFixtures.Bytes(WireFixtures.ChatCompletion), [3]))
        {
            context.Response.Body.Write(chunk, 0, chunk.Length);
        }
        context.Response.Body.Flush();
        var result = await meter.FinishAsync();

        Assert.Equal(WireFixtures.ChatCompletion, spy.Text);
        Assert.Equal("F", spy.Operations[^1]);
        Assert.Equal(ResponseMeterMode.Json, result.Mode);
        Assert.Equal(new UsageReport(209, 13, 222, true), result.Usage);
    }

    [Fact]
    public async Task BodyWriter_PipeWrites_PassThroughAndAreScanned()
    {
        var (context, spy) = NewContext(contentType: "application/json");
        var meter = ResponseUsageMeter.Install(context, stripUsageChunk: false);

        var writer = context.Response.BodyWriter;
        foreach (var chunk in Chunking.Split(WireFixtures.Bytes(WireFixtures.Embeddings), [40]))
        {
            await writer.WriteAsync(chunk);
        }
        var result = await meter.FinishAsync();

        Assert.Equal(WireFixtures.Embeddings, spy.Text);
        Assert.Equal(new UsageReport(2, 0, 2, true), result.Usage);
    }

    [Theory]
    [InlineData(500, "text/event-stream")]
    [InlineData(429, "application/json")]
    [InlineData(302, "application/json")]
    public async Task WriteAsync_NonSuccessStatus_NotScanned(int status, string contentType)
    {
        var (context, spy) = NewContext(status, contentType);
        var meter = ResponseUsageMeter.Install(context, stripUsageChunk: true);
        var body = contentType == "application/json" ? WireFixtures.ChatCompletion : WireFixtures.ChatStream;

        await CopyAsync(context, body, 64);
        var result = await meter.FinishAsync();

        Assert.Equal(ResponseMeterMode.None, result.Mode);
        Assert.Equal(status, result.StatusCode);
        Assert.Null(result.Usage);
        Assert.Equal(body, spy.Text); // nothing stripped either
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-ndjson")]
    [InlineData(null)]
    public async Task WriteAsync_OtherContentType_NotScanned(string? contentType)
    {
        var (context, spy) = NewContext(contentType: contentType);
        var meter = ResponseUsageMeter.Install(context, stripUsageChunk: true);

        await CopyAsync(context, WireFixtures.ChatStream, 64);
        var result = await meter.FinishAsync();

        Assert.Equal(ResponseMeterMode.None, result.Mode);
        Assert.Null(result.Usage);
        Assert.Equal(WireFixtures.ChatStream, spy.Text);
    }

    [Theory]
    [InlineData("text/event-stream", ResponseMeterMode.EventStream)]
    [InlineData("Text/Event-Stream; charset=utf-8", ResponseMeterMode.EventStream)]
    [InlineData(" application/json ;charset=utf-8", ResponseMeterMode.Json)]
    [InlineData("application/jsonl", ResponseMeterMode.None)]
    [InlineData("", ResponseMeterMode.None)]
    public void Classify_ContentTypes_ChoosesMode(string contentType, ResponseMeterMode expected)
    {
        Assert.Equal(expected, ResponseUsageMeter.Classify(contentType));
    }

    [Fact]
    public async Task WriteAsync_StripEnabled_RemovesOnlyTheUsageEvent()
    {
        var (context, spy) = NewContext();
        var meter = ResponseUsageMeter.Install(context, stripUsageChunk: true);

        await CopyAsync(context, WireFixtures.ChatStream, 17);
        var result = await meter.FinishAsync();

        Assert.Equal(WireFixtures.ChatStream.Replace(WireFixtures.ChatUsageEvent, "", StringComparison.Ordinal), spy.Text);
        Assert.Equal(new UsageReport(9, 2, 11, true), result.Usage);
        Assert.Equal(1, result.StrippedUsageChunks);
        Assert.True(result.SawDone);
    }

    [Fact]
    public async Task WriteAsync_StripEnabledWholeEventsPerWrite_SameWriteBoundaries()
    {
        // OpenAI writes whole events; then stripping holds nothing back and each write goes on at once.
        var (context, spy) = NewContext();
        var meter = ResponseUsageMeter.Install(context, stripUsageChunk: true);
        var events = WireFixtures.ChatStream.Split("\n\n", StringSplitOptions.RemoveEmptyEntries);

        var expected = new List<string>();
        foreach (var evt in events)
        {
            await context.Response.Body.WriteAsync(WireFixtures.Bytes(evt + "\n\n"));
            await context.Response.Body.FlushAsync();
            if (evt + "\n\n" != WireFixtures.ChatUsageEvent)
            {
                expected.Add("W:" + evt + "\n\n");
            }
            expected.Add("F");
        }
        await meter.FinishAsync();

        Assert.Equal(expected, spy.Operations);
    }

    [Fact]
    public async Task FinishAsync_StripEnabledIncompleteLastEvent_SendsHeldBytes()
    {
        var (context, spy) = NewContext();
        var meter = ResponseUsageMeter.Install(context, stripUsageChunk: true);
        const string body = "data: {\"choices\":[{\"delta\":{\"content\":\"a\"}}]}\n\ndata: {\"choices\":[{\"delta\":";

        await CopyAsync(context, body, 1000);
        Assert.Equal("data: {\"choices\":[{\"delta\":{\"content\":\"a\"}}]}\n\n", spy.Text);
        await meter.FinishAsync();

        Assert.Equal(body, spy.Text);
    }

    [Fact]
    public async Task FinishAsync_CalledRepeatedlyAndDisposed_CompletesOnce()
    {
        var (context, _) = NewContext();
        var box = new StrongBox<int>(0);
        var meter = ResponseUsageMeter.Install(context, stripUsageChunk: false, static (_, state) => ((StrongBox<int>)state!).Value++, box);
        var completion = meter.Completion;

        await CopyAsync(context, WireFixtures.AbandonedChatStream, 33);
        var first = await meter.FinishAsync();
        var second = await meter.FinishAsync();
        await meter.DisposeAsync();
        meter.Dispose();
        await meter.CompleteAsync();

        Assert.Equal(1, box.Value);
        Assert.Equal(first, second);
        Assert.Equal(first, await completion);
        Assert.Equal(first, await meter.Completion);
    }

    [Fact]
    public async Task Dispose_WithoutDone_ReportsRelayedOutputForAnEstimate()
    {
        var (context, _) = NewContext();
        var meter = ResponseUsageMeter.Install(context, stripUsageChunk: true);

        await CopyAsync(context, WireFixtures.AbandonedChatStream, 29);
        meter.Dispose();
        var result = await meter.Completion;

        Assert.Null(result.Usage);
        Assert.False(result.SawDone);
        Assert.Equal(3, result.ContentFragments);
        Assert.Equal(16, result.ContentBytes);
        var estimate = result.UsageOrEstimate(estimatedPromptTokens: 12);
        Assert.False(estimate.FromUpstream);
        Assert.Equal(12, estimate.PromptTokens);
        Assert.Equal(4, estimate.CompletionTokens); // max(3 fragments, 16 bytes / 4)
        Assert.Equal(16, estimate.TotalTokens);
    }

    [Fact]
    public async Task FinishAsync_RequestAborted_ReportsAbortAndSkipsHeldBytes()
    {
        var (context, spy) = NewContext();
        using var aborted = new CancellationTokenSource();
        context.RequestAborted = aborted.Token;
        var meter = ResponseUsageMeter.Install(context, stripUsageChunk: true);

        await CopyAsync(context, "data: {\"choices\":[{\"delta\":{\"content\":\"abc\"}}]}\n\ndata: {\"cho", 1000);
        await aborted.CancelAsync();
        var result = await meter.FinishAsync();

        Assert.True(result.RequestAborted);
        Assert.Equal(1, result.ContentFragments);
        Assert.Equal("data: {\"choices\":[{\"delta\":{\"content\":\"abc\"}}]}\n\n", spy.Text);
    }

    [Fact]
    public async Task UsageOrEstimate_UpstreamUsagePresent_ReturnsIt()
    {
        var (context, _) = NewContext();
        var meter = ResponseUsageMeter.Install(context, stripUsageChunk: false);

        await CopyAsync(context, WireFixtures.ToolCallStream, 100);
        var result = await meter.FinishAsync();

        Assert.Equal(new UsageReport(80, 15, 95, true), result.UsageOrEstimate(1));
    }

    [Fact]
    public async Task FeatureMembers_DelegateToTheServerFeature()
    {
        var context = new DefaultHttpContext();
        var inner = new RecordingBodyFeature(new SpyStream());
        context.Features.Set<IHttpResponseBodyFeature>(inner);
        context.Response.ContentType = "text/event-stream";
        var meter = ResponseUsageMeter.Install(context, stripUsageChunk: false);

        context.Features.Get<IHttpResponseBodyFeature>()!.DisableBuffering();
        await context.Response.StartAsync();
        await context.Response.Body.WriteAsync(WireFixtures.Bytes(WireFixtures.ChatStream));
        await context.Response.CompleteAsync();

        Assert.Equal(["DisableBuffering", "StartAsync", "CompleteAsync"], inner.Calls);
        Assert.Equal(ResponseMeterMode.EventStream, meter.Mode);
        Assert.True(meter.Completion.IsCompletedSuccessfully);
        Assert.Equal(11, (await meter.Completion).Usage!.Value.TotalTokens);
        Assert.Same(inner, context.Features.Get<IHttpResponseBodyFeature>());
    }

    [Fact]
    public async Task SendFileAsync_ScannedBody_RoutesFileBytesThroughScanner()
    {
        var (context, spy) = NewContext(contentType: "application/json");
        var path = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(path, WireFixtures.LegacyCompletion);
            var meter = ResponseUsageMeter.Install(context, stripUsageChunk: false);

            await context.Response.SendFileAsync(path);
            var result = await meter.FinishAsync();

            Assert.Equal(WireFixtures.LegacyCompletion, spy.Text);
            Assert.Equal(3, result.Usage!.Value.TotalTokens);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Write_AfterFinish_PassesThroughUnscanned()
    {
        var (context, spy) = NewContext();
        var meter = ResponseUsageMeter.Install(context, stripUsageChunk: true);
        var stale = context.Response.Body;
        await meter.FinishAsync();

        await stale.WriteAsync(WireFixtures.Bytes(WireFixtures.ChatUsageEvent));

        Assert.Equal(WireFixtures.ChatUsageEvent, spy.Text);
        Assert.Null(meter.Usage);
    }

    [Fact]
    public async Task Dispose_OfTheStream_DoesNotEndMetering()
    {
        var (context, _) = NewContext();
        var meter = ResponseUsageMeter.Install(context, stripUsageChunk: false);

        await using (var writer = new StreamWriter(context.Response.Body, leaveOpen: false))
        {
            await writer.WriteAsync(WireFixtures.ChatStream);
        }

        Assert.False(meter.Completion.IsCompleted);
        Assert.Equal(11, (await meter.FinishAsync()).Usage!.Value.TotalTokens);
    }
}

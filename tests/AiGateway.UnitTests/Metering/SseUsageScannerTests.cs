using AiGateway.Metering;

namespace AiGateway.UnitTests.Metering;

public class SseUsageScannerTests
{
    private static SseUsageScanner Scan(string stream, int chunkSize = int.MaxValue, int maxEventBytes = SseUsageScanner.DefaultMaxEventBytes)
    {
        var scanner = new SseUsageScanner(maxEventBytes);
        var bytes = WireFixtures.Bytes(stream);
        foreach (var chunk in Chunking.Split(bytes, [Math.Min(chunkSize, Math.Max(bytes.Length, 1))]))
        {
            scanner.Append(chunk);
        }
        return scanner;
    }

    /// <summary>Every dispatched event of a stream, in order.</summary>
    private static List<SseEvent> Events(string stream, int chunkSize)
    {
        using var scanner = new SseUsageScanner();
        var events = new List<SseEvent>();
        foreach (var chunk in Chunking.Split(WireFixtures.Bytes(stream), [chunkSize]))
        {
            ReadOnlySpan<byte> rest = chunk;
            while (!rest.IsEmpty)
            {
                if (scanner.ScanToNextEvent(rest, out var consumed, out var evt))
                {
                    events.Add(evt);
                }
                rest = rest[consumed..];
            }
        }
        return events;
    }

    [Theory]
    [InlineData(int.MaxValue)]
    [InlineData(1)]
    [InlineData(7)]
    public void Append_ChatStreamWithUsage_ReadsUsageDoneAndContent(int chunkSize)
    {
        using var scanner = Scan(WireFixtures.ChatStream, chunkSize);

        Assert.Equal(new UsageReport(9, 2, 11, true), scanner.Usage);
        Assert.True(scanner.SawDone);
        Assert.Null(scanner.ErrorType);
        Assert.Equal(1, scanner.ContentFragments); // "" in the role chunk is not output
        Assert.Equal(2, scanner.ContentBytes);
        Assert.Equal(1, scanner.UsageOnlyEvents);
        Assert.Equal(0, scanner.MalformedEvents);
    }

    [Theory]
    [InlineData(int.MaxValue)]
    [InlineData(1)]
    public void Append_ToolCallStream_CountsArgumentFragments(int chunkSize)
    {
        using var scanner = Scan(WireFixtures.ToolCallStream, chunkSize);

        Assert.Equal(new UsageReport(80, 15, 95, true), scanner.Usage);
        Assert.Equal(2, scanner.ContentFragments);
        Assert.Equal("{\"city\"".Length + ":\"Paris\"}".Length, scanner.ContentBytes);
        Assert.True(scanner.SawDone);
    }

    [Theory]
    [InlineData(int.MaxValue)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Append_CompletionsStreamWithCrlfCommentsAndMultilineData_ReadsEverything(int chunkSize)
    {
        using var scanner = Scan(WireFixtures.CompletionsStreamCrlf, chunkSize);

        Assert.Equal(new UsageReport(2, 2, 4, true), scanner.Usage);
        Assert.True(scanner.SawDone);
        Assert.Equal(2, scanner.ContentFragments);
        Assert.Equal(" Hello".Length + " wörld"u8.Length, scanner.ContentBytes);
        Assert.Equal(0, scanner.MalformedEvents);
    }

    [Fact]
    public void Append_AbandonedStream_NoUsageButCountsRelayedOutput()
    {
        using var scanner = Scan(WireFixtures.AbandonedChatStream, 5);

        Assert.Null(scanner.Usage);
        Assert.False(scanner.SawDone);
        Assert.Equal(3, scanner.ContentFragments);
        Assert.Equal("Once upon a time".Length, scanner.ContentBytes);
    }

    [Fact]
    public void Append_InBandError_RecordsErrorType()
    {
        using var scanner = Scan(WireFixtures.InBandErrorStream, 3);

        Assert.Equal("server_error", scanner.ErrorType);
        Assert.Null(scanner.Usage);
        Assert.False(scanner.SawDone);
        Assert.Equal(1, scanner.ContentFragments);
    }

    [Theory]
    [InlineData("data: {\"error\":{\"message\":\"m\",\"type\":null,\"code\":\"rate_limit_exceeded\"}}\n\n", "rate_limit_exceeded")]
    [InlineData("data: {\"error\":{\"message\":\"m\"}}\n\n", "error")]
    [InlineData("data: {\"error\":\"overloaded\"}\n\n", "error")]
    [InlineData("data: {\"error\":null,\"choices\":[]}\n\n", null)]
    public void Append_ErrorShapes_RecordsExpectedType(string stream, string? expected)
    {
        using var scanner = Scan(stream);

        Assert.Equal(expected, scanner.ErrorType);
    }

    [Theory]
    [InlineData(int.MaxValue)]
    [InlineData(1)]
    public void ScanToNextEvent_ChatStream_FlagsOnlyTheUsageChunk(int chunkSize)
    {
        var events = Events(WireFixtures.ChatStream, chunkSize);

        Assert.Equal(5, events.Count);
        Assert.Equal([false, false, false, true, false], events.Select(e => e.IsUsageOnly));
        var usage = events[3];
        var start = WireFixtures.ChatStream.IndexOf(WireFixtures.ChatUsageEvent, StringComparison.Ordinal);
        Assert.Equal(start, usage.Start);
        Assert.Equal(start + WireFixtures.ChatUsageEvent.Length, usage.End);
    }

    [Fact]
    public void ScanToNextEvent_UsageWithNonEmptyChoices_RecordedButNotUsageOnly()
    {
        // Some OpenAI-compatible servers put usage on the last content chunk: it must reach the client.
        const string stream = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"x\"}}],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1,\"total_tokens\":4}}\n\n";

        var events = Events(stream, int.MaxValue);
        using var scanner = Scan(stream);

        Assert.False(Assert.Single(events).IsUsageOnly);
        Assert.Equal(new UsageReport(3, 1, 4, true), scanner.Usage);
    }

    [Theory]
    [InlineData("data: {\"choices\":[],\"usage\":null}\n\n")]
    [InlineData("data: {\"choices\":[]}\n\n")]
    [InlineData("data: {\"usage\":{\"total_tokens\":1}}\n\n")]
    public void ScanToNextEvent_NotBothEmptyChoicesAndUsage_NotUsageOnly(string stream)
    {
        Assert.False(Assert.Single(Events(stream, int.MaxValue)).IsUsageOnly);
    }

    [Theory]
    [InlineData("data:{\"choices\":[{\"text\":\"ab\"}]}\n\n", 2)]
    [InlineData("data:  {\"choices\":[{\"text\":\"ab\"}]}\n\n", 2)] // the second space is JSON whitespace
    [InlineData("event: message\nid: 7\nretry: 100\ndata: {\"choices\":[{\"text\":\"abc\"}]}\n\n", 3)]
    [InlineData("data: {\"choices\":\ndata\ndata: [{\"text\":\"abcd\"}]}\n\n", 4)]
    [InlineData("data: {\"choices\":[{\"text\":\"ab\"}]}\r\r", 2)]
    [InlineData("datax: {\"choices\":[{\"text\":\"zzzzzz\"}]}\ndata: {\"choices\":[{\"text\":\"ab\"}]}\n\n", 2)]
    [InlineData(": comment with data: {\"choices\":[{\"text\":\"zz\"}]}\ndata: {\"choices\":[{\"text\":\"ab\"}]}\n\n", 2)]
    public void Append_SseFieldRules_ReadsOnlyTheDataField(string stream, int expectedBytes)
    {
        using var whole = Scan(stream);
        using var bytewise = Scan(stream, 1);

        Assert.Equal(expectedBytes, whole.ContentBytes);
        Assert.Equal(expectedBytes, bytewise.ContentBytes);
        Assert.Equal(0, whole.MalformedEvents);
    }

    [Fact]
    public void Append_EventWithoutBlankLine_NotDispatched()
    {
        using var scanner = Scan("data: {\"choices\":[],\"usage\":{\"total_tokens\":5}}\n");

        Assert.Null(scanner.Usage);
        Assert.True(scanner.PendingEventStart >= 0);
    }

    [Theory]
    [InlineData("data: [DONE]\n\n")]
    [InlineData("data: [DONE] trailing\n\n")]
    [InlineData("data:[DONE]\r\n\r\n")]
    public void Append_DoneMarker_SawDone(string stream)
    {
        using var scanner = Scan(stream, 1);

        Assert.True(scanner.SawDone);
        Assert.Equal(0, scanner.MalformedEvents);
    }

    [Fact]
    public void Append_EscapedUnicodeContent_CountsUnescapedUtf8Bytes()
    {
        // é is 2 UTF-8 bytes, 😀 (a surrogate pair in JSON) 4, and \" one.
        const string stream = "data: {\"choices\":[{\"delta\":{\"content\":\"\\u00e9\\ud83d\\ude00\\\"\"}}]}\n\n";

        using var scanner = Scan(stream, 1);

        Assert.Equal(1, scanner.ContentFragments);
        Assert.Equal(7, scanner.ContentBytes);
    }

    [Fact]
    public void Append_RawUtf8SplitInsideSequence_CountsBytes()
    {
        const string stream = "data: {\"choices\":[{\"delta\":{\"content\":\"中文😀\"}}]}\n\n";

        using var scanner = Scan(stream, 1);

        Assert.Equal("中文😀"u8.Length, scanner.ContentBytes);
    }

    [Fact]
    public void Append_ReasoningAndRefusalDeltas_Counted()
    {
        const string stream = "data: {\"choices\":[{\"delta\":{\"reasoning_content\":\"think\"}}]}\n\n"
            + "data: {\"choices\":[{\"delta\":{\"refusal\":\"no\"}}]}\n\n"
            + "data: {\"choices\":[{\"delta\":{\"content\":\"a\"}},{\"delta\":{\"content\":\"b\"}}]}\n\n";

        using var scanner = Scan(stream);

        Assert.Equal(4, scanner.ContentFragments);
        Assert.Equal(9, scanner.ContentBytes);
    }

    [Fact]
    public void Append_OversizedEvent_PassedOverAndLaterEventsStillRead()
    {
        var big = new string('x', 200);
        var stream = $"data: {{\"choices\":[{{\"delta\":{{\"content\":\"{big}\"}}}}]}}\n\n"
            + "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1,\"total_tokens\":2}}\n\n";

        using var scanner = Scan(stream, 16, maxEventBytes: 128);

        Assert.Equal(1, scanner.OversizedEvents);
        Assert.Equal(0, scanner.ContentFragments);
        Assert.Equal(new UsageReport(1, 1, 2, true), scanner.Usage);
    }

    [Fact]
    public void Append_MalformedJson_CountedAndIgnored()
    {
        using var scanner = Scan("data: {\"choices\":[{\"delta\":{\"content\":\"a\"}}\n\ndata: {\"choices\":[{\"text\":\"b\"}]}\n\n");

        Assert.Equal(1, scanner.MalformedEvents);
        Assert.Equal(1, scanner.ContentFragments);
    }

    [Fact]
    public void Append_LastUsageWins()
    {
        const string stream = "data: {\"choices\":[],\"usage\":{\"total_tokens\":1}}\n\n"
            + "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":2,\"completion_tokens\":2,\"total_tokens\":4}}\n\n";

        using var scanner = Scan(stream);

        Assert.Equal(new UsageReport(2, 2, 4, true), scanner.Usage);
    }

    [Fact]
    public void Reset_AfterStream_StartsOver()
    {
        using var scanner = Scan(WireFixtures.ChatStream);
        scanner.Reset();

        Assert.Null(scanner.Usage);
        Assert.False(scanner.SawDone);
        Assert.Equal(0, scanner.Position);
        scanner.Append(WireFixtures.Bytes(WireFixtures.ToolCallStream));
        Assert.Equal(95, scanner.Usage!.Value.TotalTokens);
    }
}

using System.Text;
using Microsoft.Extensions.Time.Testing;

namespace AiGateway.LoadTests.Tests;

public class ResponseBodyReaderTests
{
    // The simulator's shape: role chunk with empty content, token chunks, finish chunk, usage chunk, [DONE].
    private const string Stream =
        "data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null}}],\"usage\":null}\n\n" +
        "data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\" the\"}}],\"usage\":null}\n\n" +
        "data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],\"usage\":null}\n\n" +
        "data: {\"id\":\"c\",\"choices\":[],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":12,\"total_tokens\":21,\"completion_tokens_details\":{\"reasoning_tokens\":0}}}\n\n" +
        "data: [DONE]\n\n";

    [Theory]
    [InlineData(1)]      // every line split across reads
    [InlineData(7)]
    [InlineData(100_000)]
    public async Task ReadEventStream_AnyReadSize_SeesContentUsageAndDone(int readSize)
    {
        var summary = await ResponseBodyReader.ReadEventStreamAsync(new TrickleStream(Stream, readSize), new FakeTimeProvider(), default);

        Assert.True(summary.SawDone);
        Assert.True(summary.SawContent);
        Assert.Equal(12, summary.CompletionTokens);
    }

    [Fact]
    public async Task ReadEventStream_OnlyRoleChunkAndNoDone_NoContentNoDone()
    {
        var cut = Stream[..Stream.IndexOf("\n\n", StringComparison.Ordinal)];

        var summary = await ResponseBodyReader.ReadEventStreamAsync(new TrickleStream(cut, 5), new FakeTimeProvider(), default);

        Assert.False(summary.SawDone);
        Assert.False(summary.SawContent);
        Assert.Equal(-1, summary.CompletionTokens);
    }

    [Fact]
    public async Task ReadEventStream_LineLongerThanBuffer_StillParsed()
    {
        var longLine = "data: {\"choices\":[{\"delta\":{\"content\":\"" + new string('x', 20_000) + "\"}}]}\n\ndata: [DONE]\n\n";

        var summary = await ResponseBodyReader.ReadEventStreamAsync(new TrickleStream(longLine, 3000), new FakeTimeProvider(), default);

        Assert.True(summary.SawContent);
        Assert.True(summary.SawDone);
    }

    [Fact]
    public async Task ReadCompletionTokens_LargeBodyUsageAtEnd_Found()
    {
        var body = "{\"choices\":[{\"message\":{\"content\":\"" + new string('y', 50_000) + "\"}}],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\": 42,\"completion_tokens_details\":{}}}";

        var tokens = await ResponseBodyReader.ReadCompletionTokensAsync(new TrickleStream(body, 4093), default);

        Assert.Equal(42, tokens);
    }

    /// <summary>Returns at most <c>readSize</c> bytes per read, like a socket delivering small segments.</summary>
    private sealed class TrickleStream(string text, int readSize) : MemoryStream(Encoding.UTF8.GetBytes(text))
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, readSize)], cancellationToken);
    }
}

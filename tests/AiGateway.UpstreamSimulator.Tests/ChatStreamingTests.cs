using System.Net;
using System.Text;
using System.Text.Json;
using OpenAI.Chat;

namespace AiGateway.UpstreamSimulator.Tests;

public sealed class ChatStreamingTests : SimulatorTestBase
{
    private const string StreamWithUsage =
        """{"model":"gpt-4.1","messages":[{"role":"user","content":"Stream please"}],"stream":true,"stream_options":{"include_usage":true},"max_tokens":5}""";

    private const string StreamWithoutUsage =
        """{"model":"gpt-4.1","messages":[{"role":"user","content":"Stream please"}],"stream":true,"max_tokens":5}""";

    [Fact]
    public async Task StreamChat_IncludeUsage_UsageChunkPrecedesDone()
    {
        using var response = await PostJsonAsync("/v1/chat/completions", StreamWithUsage);
        var sse = await SseStream.ReadAsync(response);

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.False(sse.Truncated);
        Assert.EndsWith("data: [DONE]\n\n", sse.Raw, StringComparison.Ordinal);
        var chunks = sse.Json;

        // role chunk, 5 token chunks, finish chunk, usage chunk
        Assert.Equal(8, chunks.Count);
        var role = chunks[0].GetProperty("choices")[0].GetProperty("delta");
        Assert.Equal("assistant", role.GetProperty("role").GetString());
        Assert.Equal(string.Empty, role.GetProperty("content").GetString());
        Assert.All(chunks.Take(7), c => Assert.Equal(JsonValueKind.Null, c.GetProperty("usage").ValueKind));
        Assert.Equal("length", chunks[6].GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.Empty(chunks[6].GetProperty("choices")[0].GetProperty("delta").EnumerateObject());

        var usageChunk = chunks[7];
        Assert.Equal(0, usageChunk.GetProperty("choices").GetArrayLength());
        var usage = usageChunk.GetProperty("usage");
        var expectedPrompt = Tokens.ChatPrompt(("user", "Stream please"));
        Assert.Equal(expectedPrompt, usage.GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(5, usage.GetProperty("completion_tokens").GetInt32());
        Assert.Equal(expectedPrompt + 5, usage.GetProperty("total_tokens").GetInt32());

        var id = chunks[0].GetProperty("id").GetString();
        Assert.All(chunks, c => Assert.Equal(id, c.GetProperty("id").GetString()));
        Assert.All(chunks, c => Assert.Equal("chat.completion.chunk", c.GetProperty("object").GetString()));
        Assert.Equal(new ReportedUsage(id!, "chat", ChatModel, expectedPrompt, 5, Stream: true, UsageSentToClient: true), Assert.Single(Sim.ReportedUsage));
    }

    [Fact]
    public async Task StreamChat_WithoutIncludeUsage_NoUsageKeyAndDoneLast()
    {
        using var response = await PostJsonAsync("/v1/chat/completions", StreamWithoutUsage);
        var sse = await SseStream.ReadAsync(response);

        Assert.Equal("[DONE]", sse.Events[^1]);
        Assert.Equal(7, sse.Json.Count);
        Assert.All(sse.Json, c => Assert.False(c.TryGetProperty("usage", out _)));
        Assert.All(sse.Json, c => Assert.Equal(1, c.GetProperty("choices").GetArrayLength()));
        var reported = Assert.Single(Sim.ReportedUsage);
        Assert.Equal(5, reported.CompletionTokens);
        Assert.False(reported.UsageSentToClient);
        Assert.Equal(Assert.Single(response.Headers.GetValues("x-request-id")), reported.RequestId);
    }

    [Fact]
    public async Task StreamChat_TokenChunks_EachDeltaIsOneTokenAndTheyFormTheCompletion()
    {
        Sim.Options.OutputTokens = 40;
        using var response = await PostJsonAsync(
            "/v1/chat/completions", """{"model":"gpt-4.1","messages":[{"role":"user","content":"x"}],"stream":true}""");
        var sse = await SseStream.ReadAsync(response);

        var deltas = sse.Json.Skip(1)
            .Select(c => c.GetProperty("choices")[0].GetProperty("delta"))
            .Where(d => d.TryGetProperty("content", out _))
            .Select(d => d.GetProperty("content").GetString()!)
            .ToList();
        Assert.Equal(40, deltas.Count);
        Assert.All(deltas, d => Assert.Equal(1, Tokens.Count(d)));
        Assert.Equal(40, Tokens.Count(string.Concat(deltas)));
    }

    [Fact]
    public async Task CompleteChatStreaming_Sdk_ReassemblesContentAndUsage()
    {
        var content = new StringBuilder();
        ChatTokenUsage? usage = null;
        ChatFinishReason? finish = null;

        await foreach (var update in CreateChatClient().CompleteChatStreamingAsync([new UserChatMessage("Stream via SDK")]))
        {
            foreach (var part in update.ContentUpdate)
            {
                content.Append(part.Text);
            }

            usage ??= update.Usage;
            finish ??= update.FinishReason;
        }

        Assert.Equal(16, Tokens.Count(content.ToString()));
        Assert.Equal(ChatFinishReason.Stop, finish);

        // The .NET SDK always asks for usage on streams; the simulator must then deliver it.
        Assert.Contains("\"include_usage\":true", Assert.Single(Sim.ReceivedRequests).Body, StringComparison.Ordinal);
        Assert.NotNull(usage);
        Assert.Equal(Tokens.ChatPrompt(("user", "Stream via SDK")), usage.InputTokenCount);
        Assert.Equal(16, usage.OutputTokenCount);
    }

    [Fact]
    public async Task StreamChat_AbortAfterChunksHeader_TruncatesWithoutDone()
    {
        using var response = await PostJsonAsync(
            "/v1/chat/completions", StreamWithUsage, DefaultKey, ("x-sim-abort-after-chunks", "3"));
        var sse = await SseStream.ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(sse.Truncated);
        Assert.DoesNotContain("[DONE]", sse.Events);
        Assert.Equal(4, sse.Json.Count); // role chunk + 3 token chunks
        Assert.All(sse.Json, c => Assert.Equal(JsonValueKind.Null, c.GetProperty("choices")[0].GetProperty("finish_reason").ValueKind));
        var reported = Assert.Single(Sim.ReportedUsage);
        Assert.Equal(3, reported.CompletionTokens);
        Assert.False(reported.UsageSentToClient);
    }

    [Fact]
    public async Task StreamChat_ClientDisconnects_RecordsUsageProducedSoFar()
    {
        using var response = await PostJsonAsync(
            "/v1/chat/completions",
            """{"model":"gpt-4.1","messages":[{"role":"user","content":"long"}],"stream":true,"stream_options":{"include_usage":true}}""",
            DefaultKey,
            ("x-sim-output-tokens", "500"),
            ("x-sim-chunk-delay-ms", "20"));
        var stream = await response.Content.ReadAsStreamAsync();
        using (var reader = new StreamReader(stream))
        {
            var dataLines = 0;
            while (dataLines < 3 && await reader.ReadLineAsync() is { } line)
            {
                dataLines += line.StartsWith("data: ", StringComparison.Ordinal) ? 1 : 0;
            }
        }

        response.Dispose();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await Sim.WaitForReportedUsageAsync(1, timeout.Token);

        var reported = Assert.Single(Sim.ReportedUsage);
        Assert.InRange(reported.CompletionTokens, 2, 499);
        Assert.False(reported.UsageSentToClient);
        Assert.True(reported.Stream);
    }

    [Fact]
    public async Task StreamChat_NEqualsTwo_InterleavesChoicesAndBillsBoth()
    {
        using var response = await PostJsonAsync(
            "/v1/chat/completions",
            """{"model":"gpt-4.1","messages":[{"role":"user","content":"Hi"}],"stream":true,"n":2,"max_tokens":3,"stream_options":{"include_usage":true}}""");
        var sse = await SseStream.ReadAsync(response);

        var indexes = sse.Json.Where(c => c.GetProperty("choices").GetArrayLength() == 1)
            .Select(c => c.GetProperty("choices")[0].GetProperty("index").GetInt32())
            .ToList();
        Assert.Equal([0, 1, 0, 1, 0, 1, 0, 1, 0, 1], indexes); // 2 role, 3x2 tokens, 2 finish
        Assert.Equal(6, sse.Json[^1].GetProperty("usage").GetProperty("completion_tokens").GetInt32());
    }
}

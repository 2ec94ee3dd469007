using System.Net;
using System.Text.Json;

namespace AiGateway.UpstreamSimulator.Tests;

public sealed class LegacyCompletionsTests : SimulatorTestBase
{
    [Fact]
    public async Task Completions_StringPrompt_ReturnsTextCompletionWithExactUsage()
    {
        const string Prompt = "Once upon a time";

        using var response = await PostJsonAsync("/v1/completions", $$"""{"model":"gpt-4.1","prompt":"{{Prompt}}","max_tokens":6}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        Assert.Equal("text_completion", root.GetProperty("object").GetString());
        var id = root.GetProperty("id").GetString()!;
        Assert.StartsWith("cmpl-", id, StringComparison.Ordinal);
        Assert.Equal(id, Assert.Single(response.Headers.GetValues("x-request-id")));
        var choice = Assert.Single(root.GetProperty("choices").EnumerateArray().ToArray());
        Assert.Equal(6, Tokens.Count(choice.GetProperty("text").GetString()!));
        Assert.Equal("length", choice.GetProperty("finish_reason").GetString());
        var usage = root.GetProperty("usage");
        Assert.Equal(Tokens.Count(Prompt), usage.GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(6, usage.GetProperty("completion_tokens").GetInt32());
        Assert.Equal(new ReportedUsage(id, "completions", ChatModel, Tokens.Count(Prompt), 6, false, true), Assert.Single(Sim.ReportedUsage));
    }

    [Fact]
    public async Task Completions_PromptArray_OneChoicePerPrompt()
    {
        using var response = await PostJsonAsync("/v1/completions", """{"model":"gpt-4.1","prompt":["Hello","How are you today"],"max_tokens":4}""");

        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        Assert.Equal([0, 1], root.GetProperty("choices").EnumerateArray().Select(c => c.GetProperty("index").GetInt32()));
        Assert.Equal(Tokens.Count("Hello") + Tokens.Count("How are you today"), root.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(8, root.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
    }

    [Fact]
    public async Task Completions_NoMaxTokens_DefaultsTo16LikeOpenAi()
    {
        Sim.Options.OutputTokens = 40;

        using var response = await PostJsonAsync("/v1/completions", """{"model":"gpt-4.1","prompt":[1,2,3]}""");

        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var usage = json.RootElement.GetProperty("usage");
        Assert.Equal(3, usage.GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(16, usage.GetProperty("completion_tokens").GetInt32());
        Assert.Equal("length", json.RootElement.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
    }

    [Fact]
    public async Task Completions_Stream_TextCompletionChunksThenUsageThenDone()
    {
        using var response = await PostJsonAsync(
            "/v1/completions", """{"model":"gpt-4.1","prompt":"Hi","max_tokens":3,"stream":true,"stream_options":{"include_usage":true}}""");
        var sse = await SseStream.ReadAsync(response);

        Assert.Equal("[DONE]", sse.Events[^1]);
        var chunks = sse.Json;
        Assert.Equal(5, chunks.Count); // 3 tokens, finish, usage
        Assert.All(chunks, c => Assert.Equal("text_completion", c.GetProperty("object").GetString()));
        var text = string.Concat(chunks.Take(3).Select(c => c.GetProperty("choices")[0].GetProperty("text").GetString()));
        Assert.Equal(3, Tokens.Count(text));
        Assert.Equal("length", chunks[3].GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.Equal(0, chunks[4].GetProperty("choices").GetArrayLength());
        Assert.Equal(3, chunks[4].GetProperty("usage").GetProperty("completion_tokens").GetInt32());
    }

    [Fact]
    public async Task Completions_MissingPrompt_Returns400WithParam()
    {
        using var response = await PostJsonAsync("/v1/completions", """{"model":"gpt-4.1"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("prompt", json.RootElement.GetProperty("error").GetProperty("param").GetString());
    }
}

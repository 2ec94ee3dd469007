using System.ClientModel;
using System.Net;
using System.Text.Json;
using OpenAI.Chat;

namespace AiGateway.UpstreamSimulator.Tests;

public sealed class ChatCompletionsTests : SimulatorTestBase
{
    [Fact]
    public async Task CompleteChat_SdkRequest_UsageEqualsTokenizerCount()
    {
        const string System = "You are terse.";
        const string User = "How many tokens does this sentence use, exactly?";

        ChatCompletion completion = await CreateChatClient().CompleteChatAsync(
            [new SystemChatMessage(System), new UserChatMessage(User)]);

        var expectedPrompt = Tokens.ChatPrompt(("system", System), ("user", User));
        Assert.Equal(expectedPrompt, completion.Usage.InputTokenCount);
        Assert.Equal(16, completion.Usage.OutputTokenCount);
        Assert.Equal(expectedPrompt + 16, completion.Usage.TotalTokenCount);
        var usage = Assert.Single(Sim.ReportedUsage);
        Assert.Equal(new ReportedUsage(completion.Id, "chat", ChatModel, expectedPrompt, 16, Stream: false, UsageSentToClient: true), usage);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(16)]
    [InlineData(600)]
    public async Task CompleteChat_OutputTokensOption_ContentHasExactlyCompletionTokens(int outputTokens)
    {
        Sim.Options.OutputTokens = outputTokens;

        ChatCompletion completion = await CreateChatClient().CompleteChatAsync([new UserChatMessage("Say something.")]);

        Assert.Equal(outputTokens, completion.Usage.OutputTokenCount);
        Assert.Equal(outputTokens, Tokens.Count(completion.Content[0].Text));
        Assert.Equal(ChatFinishReason.Stop, completion.FinishReason);
    }

    [Fact]
    public async Task CompleteChat_MaxTokensBelowOutput_CapsTokensAndFinishesWithLength()
    {
        var options = new ChatCompletionOptions { MaxOutputTokenCount = 3 };

        ChatCompletion completion = await CreateChatClient().CompleteChatAsync([new UserChatMessage("Hi")], options);

        Assert.Equal(3, completion.Usage.OutputTokenCount);
        Assert.Equal(3, Tokens.Count(completion.Content[0].Text));
        Assert.Equal(ChatFinishReason.Length, completion.FinishReason);
    }

    [Fact]
    public async Task ChatCompletions_RawResponse_HasOpenAiShapeAndRequestIdHeader()
    {
        using var response = await PostJsonAsync(
            "/v1/chat/completions",
            """{"model":"claude-sonnet-4.5","messages":[{"role":"user","content":"Hello"}],"max_tokens":64}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        var id = root.GetProperty("id").GetString()!;
        Assert.StartsWith("chatcmpl-", id, StringComparison.Ordinal);
        Assert.Equal(id, Assert.Single(response.Headers.GetValues("x-request-id")));
        Assert.Equal("chat.completion", root.GetProperty("object").GetString());
        Assert.Equal("claude-sonnet-4.5", root.GetProperty("model").GetString());
        Assert.Equal(JsonValueKind.Number, root.GetProperty("created").ValueKind);
        Assert.Equal(JsonValueKind.String, root.GetProperty("system_fingerprint").ValueKind);
        var choice = Assert.Single(root.GetProperty("choices").EnumerateArray().ToArray());
        Assert.Equal(0, choice.GetProperty("index").GetInt32());
        Assert.Equal("stop", choice.GetProperty("finish_reason").GetString());
        var message = choice.GetProperty("message");
        Assert.Equal("assistant", message.GetProperty("role").GetString());
        Assert.Equal(JsonValueKind.Null, message.GetProperty("refusal").ValueKind);
        var usage = root.GetProperty("usage");
        Assert.Equal(Tokens.ChatPrompt(("user", "Hello")), usage.GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(0, usage.GetProperty("prompt_tokens_details").GetProperty("cached_tokens").GetInt32());
        Assert.Equal(0, usage.GetProperty("completion_tokens_details").GetProperty("reasoning_tokens").GetInt32());
    }

    [Fact]
    public async Task ChatCompletions_NameAndContentParts_CountedByCookbookRule()
    {
        using var response = await PostJsonAsync(
            "/v1/chat/completions",
            """
            {"model":"gpt-4.1","messages":[
              {"role":"system","content":"Be brief."},
              {"role":"user","name":"alice","content":[
                {"type":"text","text":"What is in this picture?"},
                {"type":"image_url","image_url":{"url":"https://example.com/cat.png"}}]}]}
            """);

        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var expected = 3
            + 3 + Tokens.Count("system") + Tokens.Count("Be brief.")
            + 3 + Tokens.Count("user") + Tokens.Count("alice") + 1 + Tokens.Count("What is in this picture?");
        Assert.Equal(expected, json.RootElement.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
    }

    [Fact]
    public async Task ChatCompletions_NEqualsTwo_ReturnsTwoChoicesAndBillsBoth()
    {
        using var response = await PostJsonAsync(
            "/v1/chat/completions",
            """{"model":"gpt-4.1","messages":[{"role":"user","content":"Hi"}],"n":2,"max_completion_tokens":4}""");

        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(2, json.RootElement.GetProperty("choices").GetArrayLength());
        Assert.Equal(8, json.RootElement.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
        Assert.Equal(8, Assert.Single(Sim.ReportedUsage).CompletionTokens);
    }

    [Theory]
    [InlineData("{not json", null)]
    [InlineData("""{"messages":[{"role":"user","content":"Hi"}]}""", null)]
    [InlineData("""{"model":"gpt-4.1"}""", "messages")]
    [InlineData("""{"model":"gpt-4.1","messages":[]}""", "messages")]
    [InlineData("""{"model":"gpt-4.1","messages":[{"role":"user","content":"Hi"}],"max_tokens":0}""", "max_tokens")]
    [InlineData("""{"model":"gpt-4.1","messages":[{"role":"user","content":"Hi"}],"stream_options":{"include_usage":true}}""", "stream_options")]
    public async Task ChatCompletions_InvalidBody_Returns400InvalidRequestError(string body, string? param)
    {
        using var response = await PostJsonAsync("/v1/chat/completions", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var error = json.RootElement.GetProperty("error");
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Equal(param, error.GetProperty("param").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
        Assert.True(error.TryGetProperty("code", out _));
        Assert.Empty(Sim.ReportedUsage);
    }

    [Fact]
    public async Task CompleteChat_UnknownModel_SdkThrows404ModelNotFound()
    {
        var client = CreateChatClient(model: "gpt-9-imaginary");

        var ex = await Assert.ThrowsAsync<ClientResultException>(() => client.CompleteChatAsync([new UserChatMessage("Hi")]));

        Assert.Equal(404, ex.Status);
        var body = ex.GetRawResponse()!.Content.ToString();
        Assert.Contains("\"code\":\"model_not_found\"", body, StringComparison.Ordinal);
        Assert.Contains("gpt-9-imaginary", body, StringComparison.Ordinal);
    }
}

using System.Collections.Concurrent;
using System.Net;
using AiGateway.IntegrationTests.Infrastructure;
using OpenAI.Chat;

namespace AiGateway.IntegrationTests.Spend;

/// <summary>The caller tokens of a spend test: two apps of rag, one of customer-service, one of analytics.</summary>
internal sealed record SpendTokens(
    (string Token, string Id) RagSearch,
    (string Token, string Id) RagIndexer,
    (string Token, string Id) Support,
    (string Token, string Id) Reports)
{
    public static async Task<SpendTokens> IssueAsync(GatewayHost gateway) => new(
        await gateway.IssueTokenAsync("rag", "rag-search"),
        await gateway.IssueTokenAsync("rag", "rag-indexer"),
        await gateway.IssueTokenAsync("customer-service", "support-assistant"),
        await gateway.IssueTokenAsync("analytics", "weekly-reports"));

    public IEnumerable<(string Token, string Id)> All => [RagSearch, RagIndexer, Support, Reports];

    /// <summary>Token id → (team, app), as issued.</summary>
    public IReadOnlyDictionary<string, (string Team, string App)> Owners => new Dictionary<string, (string, string)>
    {
        [RagSearch.Id] = ("rag", "rag-search"),
        [RagIndexer.Id] = ("rag", "rag-indexer"),
        [Support.Id] = ("customer-service", "support-assistant"),
        [Reports.Id] = ("analytics", "weekly-reports"),
    };
}

/// <summary>
/// Mixed traffic over every priced model and endpoint, through the OpenAI SDK and raw HTTP: chat (plain and
/// n=2), streams with and without <c>stream_options.include_usage</c>, embeddings (one and many inputs) and
/// legacy completions. The first few go one by one, the rest all at once. Returns what the clients saw.
/// </summary>
internal static class MixedTraffic
{
    /// <param name="upstreamErrors">Also send two requests the upstream answers with an error (500 and 429): forwarded, recorded, free.</param>
    public static async Task<List<SeenResponse>> RunAsync(GatewayHost gateway, SpendTokens tokens, int rounds, bool upstreamErrors = false)
    {
        var sdkSeen = new ConcurrentBag<SeenResponse>();
        var rawSeen = new ConcurrentBag<SeenResponse>();
        var ragSearch = SpendTestKit.RecordingOpenAi(gateway, tokens.RagSearch.Token, sdkSeen);
        var ragIndexer = SpendTestKit.RecordingOpenAi(gateway, tokens.RagIndexer.Token, sdkSeen);
        var support = SpendTestKit.RecordingOpenAi(gateway, tokens.Support.Token, sdkSeen);
        var reports = SpendTestKit.RecordingOpenAi(gateway, tokens.Reports.Token, sdkSeen);

        async Task Raw(string token, string path, string json, int? outputTokens = null, int upstreamStatus = 200)
        {
            using var request = gateway.Request(HttpMethod.Post, path, token, json);
            if (outputTokens is { } n)
            {
                request.Headers.Add("x-sim-output-tokens", n.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            if (upstreamStatus != 200)
            {
                request.Headers.Add("x-sim-status", upstreamStatus.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            using var response = await gateway.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            var body = await response.Content.ReadAsStringAsync(); // a stream is read to its end
            Assert.True((int)response.StatusCode == upstreamStatus, $"{path} {json}: {(int)response.StatusCode} {body}");
            rawSeen.Add(SpendTestKit.Seen(response));
        }

        async Task SdkChat(OpenAI.OpenAIClient client, string model, string prompt, int maxTokens)
        {
            var completion = await client.GetChatClient(model).CompleteChatAsync([new UserChatMessage(prompt)], new ChatCompletionOptions { MaxOutputTokenCount = maxTokens });
            Assert.True(completion.Value.Usage.OutputTokenCount > 0);
        }

        async Task SdkStream(OpenAI.OpenAIClient client, string model, string prompt, int maxTokens)
        {
            ChatTokenUsage? usage = null;
            var text = new System.Text.StringBuilder();
            await foreach (var update in client.GetChatClient(model).CompleteChatStreamingAsync([new UserChatMessage(prompt)], new ChatCompletionOptions { MaxOutputTokenCount = maxTokens }))
            {
                usage ??= update.Usage;
                foreach (var part in update.ContentUpdate)
                {
                    text.Append(part.Text);
                }
            }
            Assert.True(text.Length > 0);
            Assert.NotNull(usage); // the SDK asks for include_usage, and the gateway passes the chunk on
        }

        async Task SdkEmbed(OpenAI.OpenAIClient client, params string[] inputs)
        {
            var embeddings = client.GetEmbeddingClient("text-embedding-3-small");
            if (inputs.Length == 1)
            {
                await embeddings.GenerateEmbeddingAsync(inputs[0]);
            }
            else
            {
                await embeddings.GenerateEmbeddingsAsync(inputs);
            }
        }

        static string Chat(string model, string prompt, int maxTokens, string extra = "") =>
            $$"""{"model":"{{model}}","max_tokens":{{maxTokens}},"messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"{{prompt}}"}]{{extra}}}""";

        var first = new List<Func<Task>>();
        var rest = new List<Func<Task>>();
        for (var r = 0; r < rounds; r++)
        {
            var q = $"round {r}: " + string.Join(' ', Enumerable.Repeat("how do refunds work", r + 1));
            var ops = r == 0 ? first : rest;
            // rag, app rag-search: SDK chat and streams on deepseek
            ops.Add(() => SdkChat(ragSearch, "deepseek-v3.2", q + " quick", 7 + r));
            ops.Add(() => SdkStream(ragSearch, "deepseek-v3.2", q + " stream", 11 + r));
            // rag, app rag-indexer: embeddings (SDK and raw) and a raw stream without usage
            ops.Add(() => SdkEmbed(ragIndexer, q + " passage one"));
            ops.Add(() => SdkEmbed(ragIndexer, q + " passage a", "passage b " + r, "passage c is somewhat longer than the others " + r));
            ops.Add(() => Raw(tokens.RagIndexer.Token, "/v1/embeddings", $$"""{"model":"text-embedding-3-small","input":["{{q}}","second input {{r}}"]}"""));
            rest.Add(() => Raw(tokens.RagIndexer.Token, "/v1/chat/completions", Chat("deepseek-v3.2", q + " raw stream", 30, ",\"stream\":true"), 9 + r));
            // customer-service: both its models, SDK chat and stream, raw stream with usage asked for
            ops.Add(() => SdkChat(support, "gemini-2.5-flash", q + " gemini", 20 + r));
            ops.Add(() => SdkChat(support, "claude-sonnet-4.5", q + " claude", 25 + r));
            rest.Add(() => SdkStream(support, "claude-sonnet-4.5", q + " claude stream", 13 + r));
            rest.Add(() => Raw(tokens.Support.Token, "/v1/chat/completions",
                Chat("gemini-2.5-flash", q + " usage please", 40, ",\"stream\":true,\"stream_options\":{\"include_usage\":true}"), 17 + r));
            // analytics: gpt-4.1 chat (SDK, raw n=2), legacy completions, a raw stream without usage, gemini by glob
            ops.Add(() => SdkChat(reports, "gpt-4.1", q + " report", 33 + r));
            rest.Add(() => Raw(tokens.Reports.Token, "/v1/chat/completions", Chat("gpt-4.1", q + " two drafts", 20, ",\"n\":2"), 12 + r));
            rest.Add(() => Raw(tokens.Reports.Token, "/v1/completions", $$"""{"model":"gpt-4.1","max_tokens":24,"prompt":"{{q}} complete this"}""", 19 + r));
            rest.Add(() => Raw(tokens.Reports.Token, "/v1/completions", $$"""{"model":"deepseek-v3.2","max_tokens":10,"prompt":["{{q}} one","two {{r}}"]}"""));
            rest.Add(() => Raw(tokens.Reports.Token, "/v1/chat/completions", Chat("gpt-4.1", q + " stream it", 50, ",\"stream\":true"), 21 + r));
            rest.Add(() => Raw(tokens.Reports.Token, "/v1/chat/completions", Chat("gemini-2.5-flash", q + " cheap", 15)));
        }

        if (upstreamErrors)
        {
            rest.Add(() => Raw(tokens.RagSearch.Token, "/v1/chat/completions", Chat("deepseek-v3.2", "upstream fails", 10), upstreamStatus: 500));
            rest.Add(() => Raw(tokens.Support.Token, "/v1/chat/completions", Chat("claude-sonnet-4.5", "upstream busy", 10, ",\"stream\":true"), upstreamStatus: 429));
        }

        foreach (var op in first)
        {
            await op();
        }
        await Task.WhenAll(rest.Select(op => Task.Run(op)));
        return [.. sdkSeen, .. rawSeen];
    }
}

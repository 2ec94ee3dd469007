using System.Text;

namespace AiGateway.UnitTests.Metering;

/// <summary>
/// Recorded-style upstream bodies modelled on WIRE-FACTS B.1–B.3 (OpenAI's shapes, field for field):
/// <c>obfuscation</c> padding, <c>usage: null</c> on every non-final chunk, tool-call deltas, CRLF line
/// ends, keep-alive comments, an event split over two <c>data:</c> lines.
/// </summary>
internal static class WireFixtures
{
    /// <summary>B.1: a non-streaming chat completion, pretty-printed as the API sends it.</summary>
    public const string ChatCompletion = """
        {
          "id": "chatcmpl-Az1gp3Z4RtTj8zw2KFLlfgTiSKfaH",
          "object": "chat.completion",
          "created": 1739107867,
          "model": "gpt-4o-mini-2024-07-18",
          "choices": [
            {"index": 0,
             "message": {"role": "assistant", "content": "Hi there.", "refusal": null, "annotations": []},
             "logprobs": null, "finish_reason": "stop"}
          ],
          "usage": {
            "prompt_tokens": 209, "completion_tokens": 13, "total_tokens": 222,
            "prompt_tokens_details": {"cached_tokens": 0, "audio_tokens": 0},
            "completion_tokens_details": {"reasoning_tokens": 0, "audio_tokens": 0,
              "accepted_prediction_tokens": 0, "rejected_prediction_tokens": 0}
          },
          "service_tier": "default",
          "system_fingerprint": "fp_72ed7ab54c"
        }
        """;

    /// <summary>B.3: embeddings have no completion tokens.</summary>
    public const string Embeddings = """
        {"object": "list",
         "data": [{"object": "embedding", "index": 0, "embedding": [0.0023, -0.0091, 0.0155]},
                  {"object": "embedding", "index": 1, "embedding": [0.0011, 0.0042, -0.0203]}],
         "model": "text-embedding-3-small",
         "usage": {"prompt_tokens": 2, "total_tokens": 2}}
        """;

    /// <summary>B.3: embeddings as the python SDK gets them by default (base64 floats).</summary>
    public const string EmbeddingsBase64 = """
        {"object":"list","data":[{"object":"embedding","index":0,"embedding":"AACAPwAAAEAAAEBA"}],"model":"text-embedding-3-small","usage":{"prompt_tokens":5,"total_tokens":5}}
        """;

    /// <summary>B.3: a legacy completion.</summary>
    public const string LegacyCompletion = """
        {"id": "cmpl-abc", "object": "text_completion", "created": 1700000000, "model": "gpt-3.5-turbo-instruct",
         "choices": [{"text": " world", "index": 0, "logprobs": null, "finish_reason": "stop"}],
         "usage": {"prompt_tokens": 2, "completion_tokens": 1, "total_tokens": 3}, "system_fingerprint": null}
        """;

    private const string ChunkHead = "\"id\":\"chatcmpl-123\",\"object\":\"chat.completion.chunk\",\"created\":1694268190,\"model\":\"gpt-4o-mini-2024-07-18\",\"service_tier\":\"default\",\"system_fingerprint\":\"fp_44709d6fcb\"";

    /// <summary>The usage-only event of <see cref="ChatStream"/>, blank line included.</summary>
    public const string ChatUsageEvent =
        "data: {" + ChunkHead + ",\"choices\":[],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":2,\"total_tokens\":11,\"prompt_tokens_details\":{\"cached_tokens\":0,\"audio_tokens\":0},\"completion_tokens_details\":{\"reasoning_tokens\":0,\"audio_tokens\":0,\"accepted_prediction_tokens\":0,\"rejected_prediction_tokens\":0}},\"obfuscation\":\"Kq3\"}\n\n";

    /// <summary>B.2: a chat stream with <c>include_usage: true</c>: role chunk, one content chunk, stop, usage, [DONE].</summary>
    public const string ChatStream =
        "data: {" + ChunkHead + ",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null,\"obfuscation\":\"a1B2\"}\n\n"
        + "data: {" + ChunkHead + ",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null,\"obfuscation\":\"x9yZ0q\"}\n\n"
        + "data: {" + ChunkHead + ",\"choices\":[{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"stop\"}],\"usage\":null,\"obfuscation\":\"p\"}\n\n"
        + ChatUsageEvent
        + "data: [DONE]\n\n";

    /// <summary>B.2: a tool call streamed as argument fragments, then usage and [DONE].</summary>
    public const string ToolCallStream =
        "data: {" + ChunkHead + ",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"index\":0,\"id\":\"call_abc\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"\"}}],\"refusal\":null},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null,\"obfuscation\":\"m\"}\n\n"
        + "data: {" + ChunkHead + ",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"city\\\"\"}}]},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null,\"obfuscation\":\"QwErTy\"}\n\n"
        + "data: {" + ChunkHead + ",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\":\\\"Paris\\\"}\"}}]},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null,\"obfuscation\":\"zz\"}\n\n"
        + "data: {" + ChunkHead + ",\"choices\":[{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"tool_calls\"}],\"usage\":null}\n\n"
        + "data: {" + ChunkHead + ",\"choices\":[],\"usage\":{\"prompt_tokens\":80,\"completion_tokens\":15,\"total_tokens\":95}}\n\n"
        + "data: [DONE]\n\n";

    /// <summary>
    /// B.2/B.3: a legacy completions stream with CRLF line ends, keep-alive comments and one event whose
    /// JSON is split over two <c>data:</c> lines (joined with <c>\n</c>, which JSON reads as whitespace).
    /// </summary>
    public const string CompletionsStreamCrlf =
        ": keep-alive\r\n\r\n"
        + "data: {\"id\":\"cmpl-1\",\"object\":\"text_completion\",\"created\":1700000000,\"choices\":[{\"text\":\" Hello\",\"index\":0,\"logprobs\":null,\"finish_reason\":null}],\"model\":\"gpt-3.5-turbo-instruct\"}\r\n\r\n"
        + ": keep-alive\r\n\r\n"
        + "data: {\"id\":\"cmpl-1\",\"object\":\"text_completion\",\r\n"
        + "data: \"created\":1700000000,\"choices\":[{\"text\":\" w\\u00f6rld\",\"index\":0,\"logprobs\":null,\"finish_reason\":\"stop\"}],\"model\":\"gpt-3.5-turbo-instruct\"}\r\n\r\n"
        + "data: {\"id\":\"cmpl-1\",\"object\":\"text_completion\",\"created\":1700000000,\"choices\":[],\"model\":\"gpt-3.5-turbo-instruct\",\"usage\":{\"prompt_tokens\":2,\"completion_tokens\":2,\"total_tokens\":4}}\r\n\r\n"
        + "data: [DONE]\r\n\r\n";

    /// <summary>B.2: a stream the client abandoned: content chunks, no usage chunk, no [DONE].</summary>
    public const string AbandonedChatStream =
        "data: {" + ChunkHead + ",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null,\"obfuscation\":\"a\"}\n\n"
        + "data: {" + ChunkHead + ",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Once\"},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null,\"obfuscation\":\"bb\"}\n\n"
        + "data: {" + ChunkHead + ",\"choices\":[{\"index\":0,\"delta\":{\"content\":\" upon\"},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null,\"obfuscation\":\"ccc\"}\n\n"
        + "data: {" + ChunkHead + ",\"choices\":[{\"index\":0,\"delta\":{\"content\":\" a time\"},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null,\"obfuscation\":\"dddd\"}\n\n";

    /// <summary>B.2: an error sent in-band after the 200 headers.</summary>
    public const string InBandErrorStream =
        "data: {" + ChunkHead + ",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Par\"},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}\n\n"
        + "data: {\"error\":{\"message\":\"The server had an error while processing your request. Sorry about that!\",\"type\":\"server_error\",\"param\":null,\"code\":null}}\n\n";

    public static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);
}

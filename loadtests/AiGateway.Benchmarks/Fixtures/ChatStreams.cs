using System.Text;

namespace AiGateway.Benchmarks.Fixtures;

/// <summary>
/// A streamed chat completion byte for byte as the upstream simulator writes it
/// (loadtests/AiGateway.UpstreamSimulator/Completions: role chunk, one chunk per token, finish chunk, usage
/// chunk with <c>include_usage</c>, <c>[DONE]</c>), and the same non-streamed.
/// </summary>
internal static class ChatStreams
{
    private const string Header = "{\"id\":\"chatcmpl-5f0c2a8e9b1d4c7f8a6e3b2d1c0f9e8a\",\"object\":\"chat.completion.chunk\",\"created\":1767225600,\"model\":\"gpt-4o-mini\",\"service_tier\":\"default\",\"system_fingerprint\":\"fp_simulator\",\"choices\":[";

    private const string Usage = "\"usage\":{\"prompt_tokens\":812,\"completion_tokens\":COUNT,\"total_tokens\":TOTAL,\"prompt_tokens_details\":{\"cached_tokens\":0,\"audio_tokens\":0},\"completion_tokens_details\":{\"reasoning_tokens\":0,\"audio_tokens\":0,\"accepted_prediction_tokens\":0,\"rejected_prediction_tokens\":0}}";

    private static readonly string[] Pieces = [" The", " gateway", " meters", " every", " stream", ",", " and", " \\\"usage\\\"", " arrives", " last", ".\\n"];

    /// <summary>The events of one stream with <paramref name="deltas"/> token chunks, each a complete <c>data: …\n\n</c>.</summary>
    public static List<byte[]> Events(int deltas)
    {
        var events = new List<byte[]>
        {
            Event(Header + "{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}"),
        };
        for (var i = 0; i < deltas; i++)
        {
            events.Add(Event(Header + "{\"index\":0,\"delta\":{\"content\":\"" + Pieces[i % Pieces.Length] + "\"},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}"));
        }
        events.Add(Event(Header + "{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"stop\"}],\"usage\":null}"));
        events.Add(Event(Header + "]," + UsageFor(deltas) + "}"));
        events.Add(Encoding.UTF8.GetBytes("data: [DONE]\n\n"));
        return events;
    }

    /// <summary>
    /// The writes the forwarder makes: one per event (the simulator flushes each event, so a read returns
    /// one), or the stream cut into reads of <paramref name="readSize"/> bytes (a busy socket coalesces events).
    /// </summary>
    public static byte[][] Writes(int deltas, int readSize)
    {
        var events = Events(deltas);
        if (readSize <= 0)
        {
            return [.. events];
        }
        var all = events.SelectMany(e => e).ToArray();
        return all.Chunk(readSize).ToArray();
    }

    /// <summary>The non-streamed <c>chat.completion</c> body for the same answer.</summary>
    public static byte[] Completion(int tokens)
    {
        var content = new StringBuilder();
        for (var i = 0; i < tokens; i++)
        {
            content.Append(Pieces[i % Pieces.Length]);
        }
        return Encoding.UTF8.GetBytes(
            "{\"id\":\"chatcmpl-5f0c2a8e9b1d4c7f8a6e3b2d1c0f9e8a\",\"object\":\"chat.completion\",\"created\":1767225600,\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\""
            + content + "\",\"refusal\":null,\"annotations\":[]},\"logprobs\":null,\"finish_reason\":\"stop\"}],"
            + UsageFor(tokens) + ",\"service_tier\":\"default\",\"system_fingerprint\":\"fp_simulator\"}");
    }

    private static string UsageFor(int tokens) =>
        Usage.Replace("COUNT", tokens.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("TOTAL", (812 + tokens).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

    private static byte[] Event(string json) => Encoding.UTF8.GetBytes("data: " + json + "\n\n");
}

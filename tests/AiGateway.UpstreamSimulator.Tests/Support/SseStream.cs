using System.Text;
using System.Text.Json;

namespace AiGateway.UpstreamSimulator.Tests;

/// <summary>
/// A fully read SSE response. Parsing is strict on purpose: every event must be exactly
/// <c>data: &lt;payload&gt;\n\n</c>, which is the framing the gateway's SSE parser will rely on.
/// </summary>
internal sealed class SseStream
{
    private SseStream(IReadOnlyList<string> events, bool truncated, string raw)
    {
        Events = events;
        Truncated = truncated;
        Raw = raw;
    }

    /// <summary>The <c>data:</c> payloads in order, including <c>[DONE]</c>.</summary>
    public IReadOnlyList<string> Events { get; }

    /// <summary>True when the connection broke before the body ended.</summary>
    public bool Truncated { get; }

    public string Raw { get; }

    /// <summary>JSON events (everything except <c>[DONE]</c>).</summary>
    public IReadOnlyList<JsonElement> Json =>
        [.. Events.Where(e => e != "[DONE]").Select(e => JsonDocument.Parse(e).RootElement)];

    public static async Task<SseStream> ReadAsync(HttpResponseMessage response)
    {
        var raw = new StringBuilder();
        var truncated = false;
        await using (var stream = await response.Content.ReadAsStreamAsync())
        {
            var buffer = new byte[4096];
            var decoder = Encoding.UTF8.GetDecoder();
            var chars = new char[Encoding.UTF8.GetMaxCharCount(buffer.Length)];
            try
            {
                int read;
                while ((read = await stream.ReadAsync(buffer)) > 0)
                {
                    var count = decoder.GetChars(buffer, 0, read, chars, 0);
                    raw.Append(chars, 0, count);
                }
            }
            catch (Exception ex) when (ex is IOException or HttpRequestException)
            {
                truncated = true;
            }
        }

        var text = raw.ToString();
        var events = new List<string>();
        foreach (var block in text.Split("\n\n"))
        {
            if (block.Length == 0)
            {
                continue;
            }

            Assert.StartsWith("data: ", block, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', block);
            events.Add(block["data: ".Length..]);
        }

        return new SseStream(events, truncated, text);
    }
}

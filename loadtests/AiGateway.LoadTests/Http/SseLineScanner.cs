namespace AiGateway.LoadTests;

/// <summary>
/// Watches an OpenAI event stream line by line for the three things a load test needs: the first chunk carrying
/// content (time to first token), the usage chunk (completion tokens) and <c>data: [DONE]</c>.
/// </summary>
internal struct SseLineScanner
{
    /// <summary>True once <c>data: [DONE]</c> was seen.</summary>
    public bool SawDone { get; private set; }

    /// <summary>True once a <c>data:</c> chunk with non-empty content was seen.</summary>
    public bool SawContent { get; private set; }

    /// <summary>Completion tokens from the usage chunk, or -1.</summary>
    public long CompletionTokens { get; private set; }

    public static SseLineScanner Create() => new() { CompletionTokens = -1 };

    /// <summary>
    /// Processes every complete line in <paramref name="buffer"/> and returns how many bytes were consumed; the
    /// caller keeps the rest (a partial line) for the next read. Returns true in <paramref name="firstContent"/>
    /// when this call saw the first content chunk.
    /// </summary>
    public int ProcessLines(ReadOnlySpan<byte> buffer, out bool firstContent)
    {
        firstContent = false;
        var consumed = 0;
        while (true)
        {
            var newline = buffer[consumed..].IndexOf((byte)'\n');
            if (newline < 0)
            {
                return consumed;
            }

            firstContent |= ProcessLine(buffer.Slice(consumed, newline));
            consumed += newline + 1;
        }
    }

    /// <summary>Processes one line (without its <c>\n</c>); returns true when it is the first content chunk.</summary>
    public bool ProcessLine(ReadOnlySpan<byte> line)
    {
        line = line.TrimEnd((byte)'\r');
        if (!line.StartsWith("data:"u8))
        {
            return false;
        }

        var payload = line[5..];
        if (payload.Length > 0 && payload[0] == (byte)' ')
        {
            payload = payload[1..];
        }

        if (payload.SequenceEqual("[DONE]"u8))
        {
            SawDone = true;
            return false;
        }

        if (UsageFields.TryReadCompletionTokens(payload, out var tokens))
        {
            CompletionTokens = tokens;
        }

        if (!SawContent && UsageFields.HasNonEmptyContent(payload))
        {
            SawContent = true;
            return true;
        }

        return false;
    }
}

using System.Text.Json;

namespace AiGateway.Metering;

/// <summary>What the scanner learns from each event's data; the line handling is in the other part.</summary>
internal sealed partial class SseUsageScanner
{
    /// <summary>The last non-null <c>usage</c> object seen (OpenAI sends one, in the usage chunk).</summary>
    public UsageReport? Usage { get; private set; }

    /// <summary>A <c>data: [DONE]</c> event arrived: the upstream finished the stream normally.</summary>
    public bool SawDone { get; private set; }

    /// <summary>
    /// The <c>type</c> (else <c>code</c>, else <c>"error"</c>) of the last in-band error event, i.e. JSON
    /// with an <c>error</c> key sent after the 200 headers; null when there was none.
    /// </summary>
    public string? ErrorType { get; private set; }

    /// <summary>
    /// Non-empty output fragments relayed: <c>choices[].delta</c> <c>content</c>, <c>refusal</c>,
    /// <c>reasoning_content</c>/<c>reasoning</c> and tool-call <c>arguments</c> (chat), or
    /// <c>choices[].text</c> (completions). Roughly one token each; the basis of an estimate when the
    /// stream ends without a usage chunk.
    /// </summary>
    public int ContentFragments { get; private set; }

    /// <summary>Total UTF-8 bytes (unescaped) of the fragments counted in <see cref="ContentFragments"/>.</summary>
    public long ContentBytes { get; private set; }

    /// <summary>Usage-only chunks seen (see <see cref="SseEvent.IsUsageOnly"/>).</summary>
    public int UsageOnlyEvents { get; private set; }

    /// <summary>Events passed over unparsed because they exceeded the size bound.</summary>
    public int OversizedEvents { get; private set; }

    /// <summary>Events whose data was neither <c>[DONE]</c> nor valid JSON.</summary>
    public int MalformedEvents { get; private set; }

    private void ResetResults()
    {
        Usage = null;
        SawDone = false;
        ErrorType = null;
        ContentFragments = 0;
        ContentBytes = 0;
        UsageOnlyEvents = OversizedEvents = MalformedEvents = 0;
    }

    /// <summary>Reads one event's data; true when it is the usage-only chunk.</summary>
    private bool ProcessEvent(ReadOnlySpan<byte> data)
    {
        // The SDKs test startswith("[DONE]"), so do the same.
        if (data.StartsWith("[DONE]"u8))
        {
            SawDone = true;
            return false;
        }
        var reader = new Utf8JsonReader(data);
        var fragments = 0;
        long bytes = 0;
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                MalformedEvents++;
                return false;
            }
            var choicesEmpty = false;
            UsageReport? usage = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("choices"u8))
                {
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.StartArray)
                    {
                        reader.Skip();
                        continue;
                    }
                    choicesEmpty = true;
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        choicesEmpty = false;
                        OutputFragmentReader.ReadChoice(ref reader, ref fragments, ref bytes);
                    }
                }
                else if (reader.ValueTextEquals("usage"u8))
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.StartObject)
                    {
                        usage = UsageObjectReader.Read(ref reader);
                    }
                    else
                    {
                        reader.Skip();
                    }
                }
                else if (reader.ValueTextEquals("error"u8))
                {
                    reader.Read();
                    ReadError(ref reader);
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
            // Reading on proves the data is one complete JSON value before anything is counted.
            while (reader.Read())
            {
            }
            ContentFragments += fragments;
            ContentBytes += bytes;
            if (usage is not null)
            {
                Usage = usage;
            }
            var usageOnly = choicesEmpty && usage is not null;
            if (usageOnly)
            {
                UsageOnlyEvents++;
            }
            return usageOnly;
        }
        catch (JsonException)
        {
            MalformedEvents++;
            return false;
        }
    }

    private void ReadError(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                string? type = null, code = null;
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var isType = reader.ValueTextEquals("type"u8);
                    var isCode = reader.ValueTextEquals("code"u8);
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.String && (isType || isCode))
                    {
                        // Rare path (an upstream failure), so the string allocation does not matter.
                        if (isType)
                        {
                            type = reader.GetString();
                        }
                        else
                        {
                            code = reader.GetString();
                        }
                    }
                    else
                    {
                        reader.Skip();
                    }
                }
                ErrorType = string.IsNullOrEmpty(type) ? string.IsNullOrEmpty(code) ? "error" : code : type;
                break;
            case JsonTokenType.String when reader.ValueSpan.Length > 0:
                // Some OpenAI-compatible servers send {"error": "message"}; the SDKs still raise on it.
                ErrorType = "error";
                break;
            default:
                // "error": null (or false) is not an error.
                reader.Skip();
                break;
        }
    }
}

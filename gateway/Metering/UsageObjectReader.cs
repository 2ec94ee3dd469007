using System.Text.Json;

namespace AiGateway.Metering;

/// <summary>
/// Reads the counts of an OpenAI <c>usage</c> object (<c>prompt_tokens</c>, <c>completion_tokens</c>,
/// <c>total_tokens</c>); everything else in it (the <c>*_details</c> objects, provider extras) is skipped.
/// Shared by the JSON and the SSE scanner so both apply the same rule.
/// </summary>
internal static class UsageObjectReader
{
    /// <summary>Reads from the object's <see cref="JsonTokenType.StartObject"/> to its end (complete input only).</summary>
    public static UsageReport Read(ref Utf8JsonReader reader)
    {
        int prompt = 0, completion = 0;
        int? total = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("prompt_tokens"u8))
            {
                reader.Read();
                prompt = ReadCount(ref reader) ?? 0;
            }
            else if (reader.ValueTextEquals("completion_tokens"u8))
            {
                reader.Read();
                completion = ReadCount(ref reader) ?? 0;
            }
            else if (reader.ValueTextEquals("total_tokens"u8))
            {
                reader.Read();
                total = ReadCount(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        return UsageReport.FromUsageFields(prompt, completion, total);
    }

    /// <summary>A count as an int; null (absent) for null or a non-number. Out-of-range values saturate.</summary>
    private static int? ReadCount(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.Number)
        {
            reader.Skip();
            return null;
        }
        if (reader.TryGetInt32(out var value))
        {
            return value;
        }
        // Some OpenAI-compatible servers write counts as 12.0; anything past int range saturates.
        var number = reader.GetDouble();
        return number >= int.MaxValue ? int.MaxValue : number <= 0 ? 0 : (int)number;
    }
}

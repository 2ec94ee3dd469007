using System.Text.Json;

namespace AiGateway.Limits.Estimation;

/// <summary>Legacy completion <c>prompt</c> and embedding <c>input</c> values.</summary>
internal static partial class PromptBodyWalker
{
    /// <summary>
    /// A string; an array of token ids (one prompt, as many tokens as ids); or an array of strings and token-id
    /// arrays (one prompt each). Token ids are counted exactly, whatever the model.
    /// </summary>
    private static void CountInputs<TMeasure>(ref Utf8JsonReader reader, ref TMeasure measure, ref PromptTally tally)
        where TMeasure : struct, ITextMeasure
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            tally.Tokens += measure.Count(ref reader);
            return;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return;
        }

        long prompts = 0;
        bool first = true, flatIds = false;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            // A number first means the whole array is one tokenized prompt.
            if (first)
            {
                flatIds = reader.TokenType == JsonTokenType.Number;
                first = false;
            }

            if (flatIds)
            {
                tally.Tokens++;
                reader.Skip();
                continue;
            }

            prompts++;
            if (reader.TokenType == JsonTokenType.String)
            {
                tally.Tokens += measure.Count(ref reader);
            }
            else if (reader.TokenType == JsonTokenType.StartArray)
            {
                tally.Tokens += CountArrayItems(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }

        tally.Prompts = Math.Max(prompts, 1);
    }

    private static long CountArrayItems(ref Utf8JsonReader reader)
    {
        long items = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            items++;
            reader.Skip();
        }

        return items;
    }
}

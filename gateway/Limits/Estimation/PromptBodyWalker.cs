using System.Text.Json;

namespace AiGateway.Limits.Estimation;

/// <summary>
/// The one forward pass of <see cref="Utf8JsonReader"/> shared by both estimators: finds every string the OpenAI
/// cookbook counts (WIRE-FACTS B.6), hands it to the measure, and adds the rule's fixed overheads. Nothing is
/// materialised; ignored values are skipped.
/// </summary>
/// <remarks>
/// Chat: 3 per message, the tokens of every string value in it, 1 more per <c>name</c>, 3 to prime the reply.
/// Content parts count their <c>text</c> when <c>type</c> is <c>text</c>; images, audio and files count nothing
/// (the rule does not cover them; usage reconciliation corrects the reservation). Two additions beyond the rule
/// the upstream simulator implements: tool definitions (<see cref="CountTools"/>) and the <c>function.name</c> and
/// <c>function.arguments</c> of an assistant message's <c>tool_calls</c>, which the API bills as prompt tokens.
/// Completions and embeddings: each string prompt or input counts its own tokens and a token-id array its length.
/// </remarks>
internal static partial class PromptBodyWalker
{
    private const int ReplyPriming = 3;

    // Same depth limit as the gateway's request inspector.
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 64 };

    public static PromptEstimate Walk<TMeasure>(ReadOnlySpan<byte> body, PromptShape shape, ref TMeasure measure)
        where TMeasure : struct, ITextMeasure
    {
        var tally = PromptTally.Start();
        try
        {
            WalkRoot(body, shape, ref measure, ref tally);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or ArgumentException)
        {
            // Invalid JSON, invalid UTF-8 in a string, or a depth beyond the limit: the gateway validates bodies
            // before estimating, so this is defence in depth, never an error to the caller.
            tally.Malformed = true;
        }

        return tally.ToEstimate(shape, body.Length);
    }

    private static void WalkRoot<TMeasure>(ReadOnlySpan<byte> body, PromptShape shape, ref TMeasure measure, ref PromptTally tally)
        where TMeasure : struct, ITextMeasure
    {
        var reader = new Utf8JsonReader(body, ReaderOptions);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            tally.Malformed = true;
            return;
        }

        if (shape == PromptShape.Chat)
        {
            tally.Tokens += ReplyPriming;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("n"u8))
            {
                reader.Read();
                ReadPositive(ref reader, ref tally.N);
            }
            else if (shape == PromptShape.Chat && reader.ValueTextEquals("messages"u8))
            {
                reader.Read();
                tally.Tokens += CountMessages(ref reader, ref measure);
            }
            else if (shape == PromptShape.Chat && reader.ValueTextEquals("tools"u8))
            {
                reader.Read();
                tally.Tokens += CountTools(ref reader, body, ref measure, wrapped: true);
            }
            else if (shape == PromptShape.Chat && reader.ValueTextEquals("functions"u8))
            {
                reader.Read();
                tally.Tokens += CountTools(ref reader, body, ref measure, wrapped: false);
            }
            else if ((shape == PromptShape.Completions && reader.ValueTextEquals("prompt"u8))
                || (shape == PromptShape.Embeddings && reader.ValueTextEquals("input"u8)))
            {
                reader.Read();
                CountInputs(ref reader, ref measure, ref tally);
            }
            else if (shape == PromptShape.Completions && reader.ValueTextEquals("best_of"u8))
            {
                reader.Read();
                ReadPositive(ref reader, ref tally.BestOf);
            }
            else
            {
                reader.Skip();
            }
        }
    }

    /// <summary>Reads a positive integer into <paramref name="target"/>; anything else leaves it unchanged.</summary>
    private static void ReadPositive(ref Utf8JsonReader reader, ref long target)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var value) && value > 0)
        {
            target = value;
        }
        else
        {
            reader.Skip();
        }
    }
}

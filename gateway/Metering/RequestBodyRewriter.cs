using System.Text.Json;

namespace AiGateway.Metering;

/// <summary>
/// Enforces the gateway's request-side metering needs on a JSON body: an output cap
/// (<c>max_tokens</c>/<c>max_completion_tokens</c>) and, for streams, <c>stream_options.include_usage</c>
/// so every stream ends with a usage chunk (WIRE-FACTS B.2). Only top-level keys (and the inside of
/// <c>stream_options</c>) are touched: one <see cref="Utf8JsonReader"/> pass finds their byte offsets and
/// the new body is spliced from the original, so content, key order and formatting stay byte for byte.
/// When nothing has to change nothing is allocated.
/// </summary>
internal static partial class RequestBodyRewriter
{
    /// <summary>Same depth bound as the request inspector, which has validated the body before.</summary>
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 64 };

    /// <summary>Rewrites a body already validated as a JSON object.</summary>
    /// <exception cref="JsonException">The body is not valid JSON.</exception>
    /// <exception cref="ArgumentException">The body is not a JSON object, or the cap is below 1.</exception>
    public static RequestRewrite Rewrite(ReadOnlySpan<byte> body, RequestRewriteOptions options)
    {
        if (options.MaxTokens is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxTokens, "An output cap must be at least 1.");
        }
        var edits = new EditList(stackalloc Edit[8]);
        try
        {
            return RewriteCore(body, options, ref edits);
        }
        finally
        {
            edits.Dispose();
        }
    }

    private static RequestRewrite RewriteCore(ReadOnlySpan<byte> body, RequestRewriteOptions options, ref EditList edits)
    {
        var reader = new Utf8JsonReader(body, ReaderOptions);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new ArgumentException("The body must be a JSON object.", nameof(body));
        }
        var insertAt = (int)reader.TokenStartIndex + 1;
        bool hasMembers = false, stream = false, clamped = false, streamOptionsSeen = false, clientAsked = false;
        int? smallestCap = null;
        var firstNullCap = -1;

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            hasMembers = true;
            if (reader.ValueTextEquals("max_tokens"u8) || reader.ValueTextEquals("max_completion_tokens"u8))
            {
                reader.Read();
                var start = (int)reader.TokenStartIndex;
                if (reader.TokenType == JsonTokenType.Number)
                {
                    var fits = reader.TryGetInt32(out var value);
                    if (options.MaxTokens is { } cap && (!fits || value > cap))
                    {
                        edits.Add(new Edit(start, (int)reader.BytesConsumed - start, EditKind.Number, cap, StreamOnly: false));
                        clamped = true;
                        value = cap;
                    }
                    else if (!fits)
                    {
                        // Not an int (the inspector refuses those) and no cap to enforce: it bounds nothing we can count.
                        continue;
                    }
                    smallestCap = smallestCap is { } other ? Math.Min(other, value) : value;
                }
                else if (reader.TokenType == JsonTokenType.Null)
                {
                    firstNullCap = firstNullCap < 0 ? start : firstNullCap;
                }
                else
                {
                    reader.Skip();
                }
            }
            else if (reader.ValueTextEquals("stream"u8))
            {
                reader.Read();
                stream = reader.TokenType == JsonTokenType.True;
                reader.Skip();
            }
            else if (reader.ValueTextEquals("stream_options"u8))
            {
                reader.Read();
                streamOptionsSeen = true;
                // Like a JSON parser with duplicate keys, the last stream_options decides what the client asked.
                clientAsked = ReadStreamOptions(ref reader, ref edits, options.EnsureStreamUsage);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        // Reading on to the end proves the body is one complete value before anything is spliced.
        while (reader.Read())
        {
        }

        var inserted = false;
        var insertCap = false;
        if (smallestCap is null && options.MaxTokens is { } newCap)
        {
            inserted = true;
            smallestCap = newCap;
            if (firstNullCap >= 0)
            {
                edits.Insert(new Edit(firstNullCap, 4, EditKind.Number, newCap, StreamOnly: false));
            }
            else
            {
                insertCap = true;
            }
        }
        var ensureUsage = stream && options.EnsureStreamUsage;
        var insertStreamOptions = ensureUsage && !streamOptionsSeen;
        var usageAdded = insertStreamOptions || (ensureUsage && edits.HasStreamOnly);

        if (!insertCap && !insertStreamOptions && !edits.HasEffectiveEdits(ensureUsage))
        {
            return new RequestRewrite(null, stream, clientAsked, false, inserted, clamped, smallestCap);
        }
        var leading = new Leading(insertAt, insertCap ? options.InsertAs : null, insertCap ? smallestCap!.Value : 0, insertStreamOptions, hasMembers);
        var rewritten = Render(body, leading, edits.AsSpan(), ensureUsage);
        return new RequestRewrite(rewritten, stream, clientAsked, usageAdded, inserted, clamped, smallestCap);
    }

    /// <summary>
    /// Reads a <c>stream_options</c> value and records what makes <c>include_usage</c> true; returns
    /// whether the client had set it true itself.
    /// </summary>
    private static bool ReadStreamOptions(ref Utf8JsonReader reader, ref EditList edits, bool ensure)
    {
        var start = (int)reader.TokenStartIndex;
        if (reader.TokenType == JsonTokenType.Null)
        {
            if (ensure)
            {
                edits.Add(new Edit(start, 4, EditKind.StreamOptionsObject, 0, StreamOnly: true));
            }
            return false;
        }
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            // Not an object: the upstream will refuse the request; there is nothing sensible to splice.
            reader.Skip();
            return false;
        }
        bool hasMembers = false, found = false, asked = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            hasMembers = true;
            if (!reader.ValueTextEquals("include_usage"u8))
            {
                reader.Read();
                reader.Skip();
                continue;
            }
            reader.Read();
            found = true;
            asked = reader.TokenType == JsonTokenType.True;
            var valueStart = (int)reader.TokenStartIndex;
            reader.Skip();
            if (!asked && ensure)
            {
                edits.Add(new Edit(valueStart, (int)reader.BytesConsumed - valueStart, EditKind.True, 0, StreamOnly: true));
            }
        }
        if (!found && ensure)
        {
            // First member, so no trailing comma or whitespace of the original has to be found.
            edits.Add(new Edit(start + 1, 0, EditKind.IncludeUsageMember, hasMembers ? 1 : 0, StreamOnly: true));
        }
        return asked;
    }
}

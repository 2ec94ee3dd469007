using System.Text.Json;
using AiGateway.Errors;
using AiGateway.Policies;

namespace AiGateway.Proxy;

/// <summary>
/// Reads the top-level fields the gateway decides on (<c>model</c>, <c>stream</c>, output caps) from a
/// request body with one forward pass of <see cref="Utf8JsonReader"/>, validating the whole document
/// on the way. Nested content (messages, inputs) is skipped, not materialised.
/// </summary>
public static class RequestBodyInspector
{
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 64 };

    public static RequestInspection Inspect(ReadOnlySpan<byte> body, GatewayEndpoint endpoint)
    {
        if (body.IsEmpty)
        {
            return RequestInspection.Fail(GatewayErrors.InvalidJson("The body is empty; send a JSON object."));
        }
        // The reader checks structure, not encoding; invalid UTF-8 anywhere would otherwise be forwarded.
        if (!System.Text.Unicode.Utf8.IsValid(body))
        {
            return RequestInspection.Fail(GatewayErrors.InvalidJson("The body is not valid UTF-8."));
        }
        try
        {
            return InspectCore(body, endpoint);
        }
        catch (JsonException ex)
        {
            // The reader's message names a position and at most one offending character, never content.
            return RequestInspection.Fail(GatewayErrors.InvalidJson(ex.Message));
        }
    }

    private static RequestInspection InspectCore(ReadOnlySpan<byte> body, GatewayEndpoint endpoint)
    {
        var reader = new Utf8JsonReader(body, ReaderOptions);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return RequestInspection.Fail(GatewayErrors.InvalidJson("The body must be a JSON object."));
        }

        string? model = null;
        bool stream = false, seenModel = false, seenStream = false, seenMessages = false, seenPrompt = false, seenInput = false;
        bool seenMaxTokens = false, seenMaxCompletionTokens = false;
        int? maxTokens = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("model"u8))
            {
                // A second "model" could make the gateway and the upstream disagree about which model is used.
                if (seenModel)
                {
                    return RequestInspection.Fail(GatewayErrors.InvalidField("model", "The field 'model' appears more than once."));
                }
                seenModel = true;
                reader.Read();
                if (reader.TokenType != JsonTokenType.String)
                {
                    return WrongType("model", "a string", reader.TokenType);
                }
                model = reader.GetString();
                if (string.IsNullOrWhiteSpace(model))
                {
                    return RequestInspection.Fail(GatewayErrors.InvalidField("model", "The field 'model' must not be empty."));
                }
            }
            else if (reader.ValueTextEquals("stream"u8))
            {
                if (seenStream)
                {
                    return RequestInspection.Fail(GatewayErrors.InvalidField("stream", "The field 'stream' appears more than once."));
                }
                seenStream = true;
                reader.Read();
                switch (reader.TokenType)
                {
                    case JsonTokenType.True: stream = true; break;
                    case JsonTokenType.False or JsonTokenType.Null: stream = false; break;
                    default: return WrongType("stream", "a boolean", reader.TokenType);
                }
            }
            else if (reader.ValueTextEquals("max_tokens"u8) || reader.ValueTextEquals("max_completion_tokens"u8))
            {
                var isMaxTokens = reader.ValueTextEquals("max_tokens"u8);
                var name = isMaxTokens ? "max_tokens" : "max_completion_tokens";
                // Duplicates could make the gateway bound a cost the upstream does not (it may take the last).
                if (isMaxTokens ? seenMaxTokens : seenMaxCompletionTokens)
                {
                    return RequestInspection.Fail(GatewayErrors.InvalidField(name, $"The field '{name}' appears more than once."));
                }
                seenMaxTokens |= isMaxTokens;
                seenMaxCompletionTokens |= !isMaxTokens;
                reader.Read();
                if (reader.TokenType == JsonTokenType.Null)
                {
                    continue;
                }
                if (reader.TokenType != JsonTokenType.Number)
                {
                    return WrongType(name, "an integer", reader.TokenType);
                }
                if (!reader.TryGetInt32(out var value) || value < 1)
                {
                    return RequestInspection.Fail(GatewayErrors.InvalidField(name, $"Invalid '{name}': expected an integer of at least 1."));
                }
                maxTokens = maxTokens is { } other ? Math.Min(other, value) : value;
            }
            else if (reader.ValueTextEquals("messages"u8))
            {
                seenMessages = true;
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartArray)
                {
                    return WrongType("messages", "an array", reader.TokenType);
                }
                reader.Skip();
            }
            else if (reader.ValueTextEquals("prompt"u8) || reader.ValueTextEquals("input"u8))
            {
                var name = reader.ValueTextEquals("prompt"u8) ? "prompt" : "input";
                seenPrompt |= name == "prompt";
                seenInput |= name == "input";
                reader.Read();
                if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.StartArray))
                {
                    return WrongType(name, "a string or an array", reader.TokenType);
                }
                reader.Skip();
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        // Reading on to the end proves the body is one complete JSON value.
        while (reader.Read())
        {
        }

        if (model is null)
        {
            return RequestInspection.Fail(GatewayErrors.MissingField("model"));
        }
        var missing = endpoint switch
        {
            GatewayEndpoint.Chat when !seenMessages => "messages",
            GatewayEndpoint.Completions when !seenPrompt => "prompt",
            GatewayEndpoint.Embeddings when !seenInput => "input",
            _ => null,
        };
        return missing is null
            ? new RequestInspection(model, stream, maxTokens, null)
            : RequestInspection.Fail(GatewayErrors.MissingField(missing));
    }

    private static RequestInspection WrongType(string param, string expected, JsonTokenType actual)
    {
        var got = actual switch
        {
            JsonTokenType.String => "a string",
            JsonTokenType.Number => "a number",
            JsonTokenType.True or JsonTokenType.False => "a boolean",
            JsonTokenType.Null => "null",
            JsonTokenType.StartArray => "an array",
            JsonTokenType.StartObject => "an object",
            _ => "another type",
        };
        return RequestInspection.Fail(GatewayErrors.InvalidField(param, $"Invalid type for '{param}': expected {expected}, but got {got} instead."));
    }
}

using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace AiGateway.UpstreamSimulator;

/// <summary>The one place request parsers turn a body into a JSON object, or into OpenAI's malformed-JSON error.</summary>
internal static class JsonBody
{
    public static bool TryParseObject(byte[] body, [NotNullWhen(true)] out JsonDocument? document, [NotNullWhen(false)] out OpenAiError? error)
    {
        try
        {
            document = JsonDocument.Parse(body, SimulatorJson.DocumentOptions);
        }
        catch (JsonException)
        {
            document = null;
            error = OpenAiErrors.MalformedJson();
            return false;
        }
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            document = null;
            error = OpenAiErrors.MalformedJson();
            return false;
        }
        error = null;
        return true;
    }
}

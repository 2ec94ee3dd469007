using System.Diagnostics;

namespace AiGateway.Telemetry;

/// <summary>
/// The gateway's <see cref="ActivitySource"/> and the span attribute names it uses: OpenTelemetry's GenAI semantic
/// conventions where one exists (https://opentelemetry.io/docs/specs/semconv/gen-ai/gen-ai-spans/), <c>aigw.*</c> otherwise.
/// Attributes never carry prompt or completion content, a key or a token secret.
/// </summary>
public static class GatewayActivity
{
    public const string SourceName = "AiGateway";

    public static ActivitySource Source { get; } = new(SourceName);

    public const string OperationName = "gen_ai.operation.name";
    public const string ProviderName = "gen_ai.provider.name";

    /// <summary>The attribute <see cref="ProviderName"/> replaced; older backends still group GenAI spans by it.</summary>
    public const string System = "gen_ai.system";

    public const string RequestModel = "gen_ai.request.model";
    public const string RequestMaxTokens = "gen_ai.request.max_tokens";
    public const string ResponseId = "gen_ai.response.id";
    public const string InputTokens = "gen_ai.usage.input_tokens";
    public const string OutputTokens = "gen_ai.usage.output_tokens";
    public const string ServerAddress = "server.address";
    public const string ServerPort = "server.port";
    public const string ErrorType = "error.type";
    public const string HttpStatusCode = "http.response.status_code";

    public const string Team = "aigw.team";
    public const string App = "aigw.app";
    public const string TokenId = "aigw.token_id";
    public const string RequestId = "aigw.request_id";
    public const string Stream = "aigw.stream";
    public const string CostMicros = "aigw.cost_micros";
    public const string Endpoint = "aigw.endpoint";

    /// <summary>The upstream speaks OpenAI's API.</summary>
    public const string OpenAiProvider = "openai";

    /// <summary>GenAI operation names by gateway endpoint.</summary>
    public const string Chat = "chat";
    public const string TextCompletion = "text_completion";
    public const string Embeddings = "embeddings";

    /// <summary>Not a GenAI operation; model listing spans carry only the gateway's attributes.</summary>
    public const string ListModels = "list_models";
}

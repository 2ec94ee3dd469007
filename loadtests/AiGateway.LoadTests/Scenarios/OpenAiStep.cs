using System.Net;
using System.Runtime.CompilerServices;

namespace AiGateway.LoadTests;

/// <summary>
/// Sends one built-in OpenAI request: the same body bytes each time, a fresh (unavoidable) request message,
/// and the response read to the end without parsing.
/// </summary>
internal sealed class OpenAiStep
{
    private readonly HttpMessageInvoker _client;
    private readonly Uri _endpoint;
    private readonly byte[] _body;
    private readonly string _authorization;
    private readonly RequestKind _kind;

    public OpenAiStep(HttpMessageInvoker client, LoadTarget target, OpenAiScenarioOptions options)
    {
        _client = client;
        _kind = options.Kind;
        _endpoint = target.Endpoint(options.Kind == RequestKind.Embeddings ? "embeddings" : "chat/completions");
        _body = OpenAiRequestBodies.Build(options);
        _authorization = "Bearer " + target.Token;
    }

    // Pooled builder: the async state machine of each request is reused instead of allocated.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<StepResult> ExecuteAsync(ScenarioContext context)
    {
        var cancellationToken = context.CancellationToken;
        using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint)
        {
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(_body),
        };

        // Unvalidated adds skip header parsing; the values are fixed and known to be valid.
        request.Headers.TryAddWithoutValidation("Authorization", _authorization);
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        if (_kind == RequestKind.ChatStream)
        {
            request.Headers.TryAddWithoutValidation("Accept", "text/event-stream");
        }

        using var response = await _client.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var status = (int)response.StatusCode;
        var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            await ResponseBodyReader.DrainAsync(body, cancellationToken).ConfigureAwait(false);
            return StepResult.HttpError(status);
        }

        switch (_kind)
        {
            case RequestKind.ChatStream:
                var stream = await ResponseBodyReader.ReadEventStreamAsync(body, context.Clock, cancellationToken).ConfigureAwait(false);
                return new StepResult
                {
                    Outcome = stream.SawDone ? StepOutcome.Ok : StepOutcome.IncompleteStream,
                    StatusCode = status,
                    IsStream = true,
                    StreamCompleted = stream.SawDone,
                    HasFirstToken = stream.SawContent,
                    FirstTokenTimestamp = stream.FirstContentTimestamp,
                    CompletionTokens = stream.CompletionTokens,
                };
            case RequestKind.Chat:
                var tokens = await ResponseBodyReader.ReadCompletionTokensAsync(body, cancellationToken).ConfigureAwait(false);
                return StepResult.Ok(status) with { CompletionTokens = tokens };
            default:
                await ResponseBodyReader.DrainAsync(body, cancellationToken).ConfigureAwait(false);
                return StepResult.Ok(status);
        }
    }
}

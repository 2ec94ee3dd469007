using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace AiGateway.UpstreamSimulator;

/// <summary>
/// Sends a planned completion as one JSON body or as an SSE stream, and records exactly one
/// <see cref="ReportedUsage"/> for it. Usage is recorded before the last byte goes out, so a test that has
/// read the whole response can assert on <see cref="UpstreamSimulator.ReportedUsage"/> without waiting.
/// </summary>
internal static class CompletionResponder
{
    private const int AbortGraceMs = 100;

    public static async Task WriteJsonAsync(HttpContext context, SimulatorState state, ICompletionFormat format, CompletionPlan plan, SimulationSettings settings)
    {
        try
        {
            await SimulatedDelay.WaitAsync(settings.LatencyMs, context.RequestAborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // A real provider bills work it has already started even when the caller hangs up.
            Record(state, format, plan, plan.TotalCompletionTokens, sentToClient: false);
            throw;
        }

        Record(state, format, plan, plan.TotalCompletionTokens, sentToClient: true);
        await JsonResponse.WriteAsync(context, StatusCodes.Status200OK, (format, plan), static (writer, s) => s.format.WriteResponse(writer, s.plan))
            .ConfigureAwait(false);
    }

    public static async Task StreamAsync(HttpContext context, SimulatorState state, ICompletionFormat format, CompletionPlan plan, SimulationSettings settings)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        var cancellationToken = context.RequestAborted;
        var choices = plan.Request.ChoiceCount;
        var produced = 0;
        var recorded = false;
        using var sse = new SseEventWriter(response.BodyWriter);
        try
        {
            await SimulatedDelay.WaitAsync(settings.TimeToFirstTokenMs, cancellationToken).ConfigureAwait(false);
            if (format.HasRoleChunk)
            {
                for (var choice = 0; choice < choices; choice++)
                {
                    format.WriteRoleChunk(sse.BeginEvent(), plan, choice);
                    sse.EndEvent();
                    if (!await sse.FlushAsync(cancellationToken).ConfigureAwait(false))
                    {
                        return;
                    }
                }
            }

            for (var position = 0; position < plan.TokensPerChoice; position++)
            {
                // The first token follows the first chunk at once, so TimeToFirstTokenMs is exactly that.
                if (position > 0)
                {
                    await SimulatedDelay.WaitAsync(settings.InterChunkDelayMs, cancellationToken).ConfigureAwait(false);
                }

                var piece = CompletionText.Piece(position);
                for (var choice = 0; choice < choices; choice++)
                {
                    if (settings.AbortAfterChunks == produced)
                    {
                        recorded = true;
                        await AbortAsync(context, state, format, plan, produced).ConfigureAwait(false);
                        return;
                    }

                    format.WriteTokenChunk(sse.BeginEvent(), plan, choice, piece);
                    sse.EndEvent();
                    if (!await sse.FlushAsync(cancellationToken).ConfigureAwait(false))
                    {
                        return;
                    }

                    produced++;
                }
            }

            if (settings.AbortAfterChunks == produced)
            {
                recorded = true;
                await AbortAsync(context, state, format, plan, produced).ConfigureAwait(false);
                return;
            }

            for (var choice = 0; choice < choices; choice++)
            {
                format.WriteFinishChunk(sse.BeginEvent(), plan, choice);
                sse.EndEvent();
                if (!await sse.FlushAsync(cancellationToken).ConfigureAwait(false))
                {
                    return;
                }
            }

            Record(state, format, plan, produced, sentToClient: plan.Request.IncludeUsage);
            recorded = true;
            if (plan.Request.IncludeUsage)
            {
                format.WriteUsageChunk(sse.BeginEvent(), plan);
                sse.EndEvent();
                if (!await sse.FlushAsync(cancellationToken).ConfigureAwait(false))
                {
                    return;
                }
            }

            sse.WriteDone();
            await sse.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client disconnected; what was produced so far is recorded below.
        }
        finally
        {
            if (!recorded)
            {
                Record(state, format, plan, produced, sentToClient: false);
            }
        }
    }

    /// <summary><c>x-sim-abort-after-chunks</c>: drop the connection mid-stream, with no finish chunk and no [DONE].</summary>
    private static async Task AbortAsync(HttpContext context, SimulatorState state, ICompletionFormat format, CompletionPlan plan, int produced)
    {
        Record(state, format, plan, produced, sentToClient: false);

        // Kestrel's abort discards output its socket loop has not sent yet, so the chunks already flushed
        // could vanish and the client would see a reset before any data. A short grace period lets them go out.
        await Task.Delay(AbortGraceMs, context.RequestAborted).ConfigureAwait(false);
        context.Abort();
    }

    private static void Record(SimulatorState state, ICompletionFormat format, CompletionPlan plan, int completionTokens, bool sentToClient) =>
        state.Usage.Add(new ReportedUsage(
            plan.Id,
            format.Endpoint,
            plan.Request.Model,
            plan.Request.PromptTokens,
            completionTokens,
            plan.Request.Stream,
            sentToClient));
}

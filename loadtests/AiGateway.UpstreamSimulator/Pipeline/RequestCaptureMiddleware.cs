using System.Text;
using Microsoft.AspNetCore.Http;

namespace AiGateway.UpstreamSimulator;

/// <summary>
/// First step for every request: sets a default <c>x-request-id</c> and, for <c>/v1</c>, reads the body and the
/// bearer once and records the request. Recording happens before authentication so tests can see rejected requests.
/// </summary>
internal sealed class RequestCaptureMiddleware(RequestDelegate next, SimulatorState state)
{
    public const string RequestIdHeader = "x-request-id";

    public async Task InvokeAsync(HttpContext context)
    {
        var requestId = "req_" + RandomIds.Fast(32);
        context.Response.Headers[RequestIdHeader] = requestId;
        if (!context.Request.Path.StartsWithSegments(SimulatorRoutes.ApiPrefix))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var request = context.Request;
        var body = await RequestBodyReader.ReadAsync(request, context.RequestAborted).ConfigureAwait(false);
        var apiKey = BearerToken.Read(request);
        context.Features.Set(new SimulatorRequestFeature(requestId, apiKey, body));
        if (state.Options.RecordRequests)
        {
            state.Requests.Add(new ReceivedRequest(
                request.Method,
                request.Path.Value ?? string.Empty,
                apiKey,
                CopyHeaders(request.Headers),
                Encoding.UTF8.GetString(body),
                state.TimeProvider.GetUtcNow()));
        }

        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client left during a simulated delay: an expected outcome, not a server fault.
        }
    }

    private static Dictionary<string, string> CopyHeaders(IHeaderDictionary headers)
    {
        // Case-insensitive so tests can look up "X-Sim-Status" as well as the stored lower-case name.
        var copy = new Dictionary<string, string>(headers.Count, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in headers)
        {
            copy[name.ToLowerInvariant()] = values.Count == 1 ? values[0] ?? string.Empty : string.Join(", ", values.ToArray());
        }

        return copy;
    }
}

using AiGateway.Errors;
using AiGateway.Keys;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace AiGateway.Proxy;

/// <summary>
/// After a key rotation a replica may still hold the old key for a moment. When the upstream refuses the
/// key (401) and nothing has been sent to the caller yet, re-read the key from its source and send the
/// request once more with the fresh key. A second refusal, or no newer key, becomes the gateway's 502.
/// </summary>
internal sealed partial class UpstreamKeyRetryMiddleware
{
    private readonly RequestDelegate _next;
    private readonly IUpstreamKeyProvider _keys;
    private readonly ILogger<UpstreamKeyRetryMiddleware> _logger;

    public UpstreamKeyRetryMiddleware(RequestDelegate next, IUpstreamKeyProvider keys, ILogger<UpstreamKeyRetryMiddleware> logger)
    {
        _next = next;
        _keys = keys;
        _logger = logger;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        await _next(context).ConfigureAwait(false);
        var feature = context.Features.GetRequiredFeature<GatewayRequestFeature>();
        if (!feature.UpstreamRejectedKey || context.Response.HasStarted)
        {
            return;
        }

        var rejected = feature.UpstreamKey!;
        UpstreamKey? fresh = null;
        try
        {
            fresh = await _keys.RefreshAsync(rejected.KeyRef, context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.RefreshFailed(_logger, rejected.KeyRef, ex.Message);
        }

        if (fresh is not null && fresh.AuthorizationHeaderValue != rejected.AuthorizationHeaderValue)
        {
            Log.RetryingWithFreshKey(_logger, feature.Caller.Team, rejected.KeyRef, rejected.KeyId ?? "?", fresh.KeyId ?? "?");
            context.Response.Clear();
            feature.UpstreamRejectedKey = false;
            feature.UpstreamKey = fresh;
            if (feature.ForwardBody is { } body)
            {
                context.Request.Body = body.AsStream();
            }
            await _next(context).ConfigureAwait(false);
            if (!feature.UpstreamRejectedKey || context.Response.HasStarted)
            {
                return;
            }
        }

        Log.UpstreamRejectedKey(_logger, feature.Caller.Team, feature.UpstreamKey!.KeyRef, feature.UpstreamKey.KeyId ?? "?");
        context.Response.Clear();
        await ErrorResponseWriter.WriteAsync(context, GatewayErrors.UpstreamCredentialRejected).ConfigureAwait(false);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = Telemetry.EventIds.UpstreamRejectedKey, Level = LogLevel.Error, EventName = "UpstreamRejectedKey",
            Message = "The upstream refused the key for team {Team} (key reference {KeyRef}, key id {KeyId}); rotate or fix it.")]
        public static partial void UpstreamRejectedKey(ILogger logger, string team, string keyRef, string keyId);

        [LoggerMessage(EventId = Telemetry.EventIds.UpstreamKeyRetried, Level = LogLevel.Warning, EventName = "UpstreamKeyRetried",
            Message = "The upstream refused key {OldKeyId} for team {Team} ({KeyRef}); retrying once with the fresh key {NewKeyId}.")]
        public static partial void RetryingWithFreshKey(ILogger logger, string team, string keyRef, string oldKeyId, string newKeyId);

        [LoggerMessage(EventId = Telemetry.EventIds.UpstreamKeyRefreshFailed, Level = LogLevel.Warning, EventName = "UpstreamKeyRefreshFailed",
            Message = "Re-reading upstream key {KeyRef} after an upstream 401 failed: {Reason}")]
        public static partial void RefreshFailed(ILogger logger, string keyRef, string reason);
    }
}

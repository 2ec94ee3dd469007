using AiGateway.Errors;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Transforms;

namespace AiGateway.Proxy;

/// <summary>
/// An upstream 401 means the gateway's key for the team was refused: not the caller's fault, and its body
/// may echo part of that key. The caller gets the gateway's own 502 instead, and the operator a log line
/// naming the team and key reference (never the key).
/// </summary>
internal sealed partial class UpstreamAuthFailureTransform : ResponseTransform
{
    private readonly ILogger _logger;

    public UpstreamAuthFailureTransform(ILogger logger) => _logger = logger;

    public override ValueTask ApplyAsync(ResponseTransformContext context)
    {
        if (context.ProxyResponse?.StatusCode != System.Net.HttpStatusCode.Unauthorized)
        {
            return default;
        }
        var feature = context.HttpContext.Features.Get<GatewayRequestFeature>();
        LogUpstreamRejectedKey(_logger, feature?.Caller.Team ?? "?", feature?.UpstreamKey?.KeyRef ?? "?", feature?.UpstreamKey?.KeyId ?? "?");
        context.SuppressResponseBody = true;
        var response = context.HttpContext.Response;
        response.Headers.ContentLength = null;
        response.Headers.Remove("www-authenticate");
        return new ValueTask(ErrorResponseWriter.WriteAsync(context.HttpContext, GatewayErrors.UpstreamCredentialRejected));
    }

    [LoggerMessage(EventId = Telemetry.EventIds.UpstreamRejectedKey, Level = LogLevel.Error, EventName = "UpstreamRejectedKey",
        Message = "The upstream refused the key for team {Team} (key reference {KeyRef}, key id {KeyId}); rotate or fix it.")]
    private static partial void LogUpstreamRejectedKey(ILogger logger, string team, string keyRef, string keyId);
}

using Microsoft.Extensions.Logging;

namespace AiGateway.Telemetry;

/// <summary>
/// Structured audit records, on their own log category (<c>AiGateway.Audit</c>) so operators can route
/// them to durable storage. Records say who did what to which object and how it ended; never a secret.
/// </summary>
public sealed partial class AuditLog
{
    public const string Category = "AiGateway.Audit";

    private readonly ILogger _logger;

    public AuditLog(ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _logger = loggerFactory.CreateLogger(Category);
    }

    public void AdminAction(string actor, string action, string target, string outcome)
    {
        LogAdminAction(_logger, actor, action, target, outcome);
    }

    /// <summary>
    /// One record per proxied request: who (token id, team, app), what (endpoint, model), how it ended (status, the
    /// gateway's reason when it refused), tokens, cost and duration. Never content, never a secret.
    /// </summary>
    public void Request(in CompletedRequest request)
    {
        if (!_logger.IsEnabled(LogLevel.Information))
        {
            return;
        }
        var durationMs = Math.Round(request.ElapsedTicks * 1000.0 / System.Diagnostics.Stopwatch.Frequency, 3);
        LogRequest(_logger, request.RequestId ?? None, request.TokenId ?? None, request.Team, request.App ?? None,
            request.Endpoint, request.RequestedModel ?? None, request.StatusCode, request.Reason ?? None,
            request.InputTokens, request.OutputTokens, request.CostMicros, durationMs);
    }

    private const string None = "-";

    [LoggerMessage(EventId = EventIds.AdminAction, Level = LogLevel.Information, EventName = "AdminAction",
        Message = "audit admin actor={Actor} action={Action} target={Target} outcome={Outcome}")]
    private static partial void LogAdminAction(ILogger logger, string actor, string action, string target, string outcome);

    [LoggerMessage(EventId = EventIds.RequestAudit, Level = LogLevel.Information, EventName = "RequestAudit",
        Message = "audit request id={RequestId} token={TokenId} team={Team} app={App} endpoint={Endpoint} model={Model} status={StatusCode} reason={Reason} input_tokens={InputTokens} output_tokens={OutputTokens} cost_micros={CostMicros} duration_ms={DurationMs}")]
    private static partial void LogRequest(ILogger logger, string requestId, string tokenId, string team, string app, string endpoint,
        string model, int statusCode, string reason, int? inputTokens, int? outputTokens, long? costMicros, double durationMs);
}

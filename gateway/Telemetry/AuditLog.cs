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

    [LoggerMessage(EventId = EventIds.AdminAction, Level = LogLevel.Information, EventName = "AdminAction",
        Message = "audit admin actor={Actor} action={Action} target={Target} outcome={Outcome}")]
    private static partial void LogAdminAction(ILogger logger, string actor, string action, string target, string outcome);
}

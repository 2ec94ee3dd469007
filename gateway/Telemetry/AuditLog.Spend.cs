using Microsoft.Extensions.Logging;

namespace AiGateway.Telemetry;

/// <summary>Audit records of the spend rules: breakers that tripped and budgets that crossed their alert threshold.</summary>
public sealed partial class AuditLog
{
    public void BreakerTripped(string scope, string team, string tokenId, string spent, string max, int windowSeconds) =>
        LogBreakerTripped(_logger, scope, team, tokenId, spent, max, windowSeconds);

    public void BudgetAlert(string scope, string team, string tokenId, string spent, string cap, int percent) =>
        LogBudgetAlert(_logger, scope, team, tokenId, spent, cap, percent);

    [LoggerMessage(EventId = EventIds.AuditBreakerTripped, Level = LogLevel.Warning, EventName = "BreakerTripped",
        Message = "audit breaker scope={Scope} team={Team} token={TokenId} spent_usd={Spent} max_usd={Max} window_s={WindowSeconds} outcome=suspended")]
    private static partial void LogBreakerTripped(ILogger logger, string scope, string team, string tokenId, string spent, string max, int windowSeconds);

    [LoggerMessage(EventId = EventIds.AuditBudgetAlert, Level = LogLevel.Warning, EventName = "BudgetAlert",
        Message = "audit budget-alert scope={Scope} team={Team} token={TokenId} spent_usd={Spent} cap_usd={Cap} alert_percent={Percent}")]
    private static partial void LogBudgetAlert(ILogger logger, string scope, string team, string tokenId, string spent, string cap, int percent);
}

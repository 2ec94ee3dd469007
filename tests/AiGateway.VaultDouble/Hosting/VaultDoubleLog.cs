using Microsoft.Extensions.Logging;

namespace AiGateway.VaultDouble;

/// <summary>
/// Every log message of the double, source-generated, with stable event ids. Per-request events are Debug (enable
/// with <c>--Logging:LogLevel:AiGateway.VaultDouble=Debug</c>); tokens and secret values are never logged.
/// </summary>
internal static partial class VaultDoubleLog
{
    [LoggerMessage(1, LogLevel.Debug, "Rejected token ({Result}) on {Path}", EventName = "TokenRejected")]
    public static partial void TokenRejected(ILogger logger, string path, TokenLookupResult result);

    [LoggerMessage(2, LogLevel.Debug, "ACL denied {Operation} on {Path}", EventName = "PolicyDenied")]
    public static partial void PolicyDenied(ILogger logger, VaultOperation operation, string path);

    [LoggerMessage(3, LogLevel.Debug, "Injected failure {StatusCode} on {Path}", EventName = "FailureInjected")]
    public static partial void FailureInjected(ILogger logger, string path, int statusCode);

    [LoggerMessage(4, LogLevel.Debug, "Aborted the connection of {Path} (Unreachable fault)", EventName = "ConnectionAborted")]
    public static partial void ConnectionAborted(ILogger logger, string path);

    [LoggerMessage(5, LogLevel.Information, "Loaded {Count} Vault policies from {Directory}: {Names}", EventName = "PoliciesLoaded")]
    public static partial void PoliciesLoaded(ILogger logger, int count, string directory, string names);

    [LoggerMessage(6, LogLevel.Information, "Seeded {Secrets} secrets and {Roles} AppRoles from {File}", EventName = "SeedLoaded")]
    public static partial void SeedLoaded(ILogger logger, int secrets, int roles, string file);

    [LoggerMessage(7, LogLevel.Debug, "Refused malformed request {Method} {Path}: {StatusCode}", EventName = "RequestRefused")]
    public static partial void RequestRefused(ILogger logger, string method, string path, int statusCode);
}

using AiGateway.Auth;
using AiGateway.Storage;
using AiGateway.Telemetry;
using Microsoft.Extensions.Logging;

namespace AiGateway.Admin;

/// <summary>
/// Decides the bootstrap admin credential: the configured one, or (embedded default) one generated on
/// first start into the data folder with owner-only permissions. Only its location is ever logged.
/// </summary>
internal static partial class AdminBootstrap
{
    public const string FileName = "admin-bootstrap-token";

    public static AdminBootstrapToken Resolve(AdminOptions options, DataDirectory data, ILoggerFactory loggerFactory)
    {
        if (!string.IsNullOrWhiteSpace(options.BootstrapToken))
        {
            return new AdminBootstrapToken(options.BootstrapToken.Trim(), "configuration");
        }
        var path = data.GetFilePath(FileName);
        var token = AtomicFile.ReadOrCreateSecret(path, () => TokenFormat.Generate(TokenFormat.AdminPrefix));
        LogBootstrapLocation(loggerFactory.CreateLogger("AiGateway.Admin"), path);
        return new AdminBootstrapToken(token, path);
    }

    [LoggerMessage(EventId = EventIds.BootstrapTokenGenerated, Level = LogLevel.Warning, EventName = "AdminBootstrapTokenFile",
        Message = "Admin:BootstrapToken is not set; the admin API accepts the bootstrap credential stored in {Path} (readable by this user only). Set Admin__BootstrapToken in production.")]
    private static partial void LogBootstrapLocation(ILogger logger, string path);
}

using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace AiGateway.KeyRotation.Rotation;

/// <summary>The one place that builds Vault paths (relative to the KV mount) from service names.</summary>
internal static class SecretPaths
{
    public const string CredentialsFolder = "creds";
    public const string AuditFolder = "audit";

    /// <summary>
    /// Accepts <c>rag-production</c> or <c>creds/rag-production</c>. Segments are letters, digits, '.', '_' and '-'
    /// and never '.' or '..', so a service name cannot point the tool outside <c>creds/</c>.
    /// </summary>
    public static bool TryNormalizeService(string? input, [NotNullWhen(true)] out string? service, [NotNullWhen(false)] out string? error)
    {
        service = null;
        var trimmed = (input ?? "").Trim().TrimStart('/');
        if (trimmed.StartsWith(CredentialsFolder + "/", StringComparison.Ordinal))
        {
            trimmed = trimmed[(CredentialsFolder.Length + 1)..];
        }
        trimmed = trimmed.TrimEnd('/');
        if (trimmed.Length == 0)
        {
            error = "name a service, e.g. 'rotate rag-production' or 'rotate creds/rag-production'";
            return false;
        }
        foreach (var segment in trimmed.Split('/'))
        {
            if (segment.Length == 0 || segment is "." or ".." || !segment.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
            {
                error = $"'{input}' is not a service name: use letters, digits, '.', '_' and '-' (e.g. rag-production)";
                return false;
            }
        }
        service = trimmed;
        error = null;
        return true;
    }

    public static string Credentials(string service) => $"{CredentialsFolder}/{service}";

    /// <summary><c>audit/&lt;service&gt;/&lt;yyyyMMddTHHmmssZ&gt;</c>: sorts by time in a LIST.</summary>
    public static string Audit(string service, DateTimeOffset at) =>
        $"{AuditFolder}/{service}/{at.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}";
}

namespace AiGateway.Keys.Vault;

/// <summary>
/// A Vault call that failed: HTTP status and Vault's own <c>errors</c> messages. Messages carry the method
/// and path (never a token or secret value), so they are safe to log.
/// </summary>
public sealed class VaultException : Exception
{
    public VaultException(int statusCode, string method, string path, IReadOnlyList<string> errors, Exception? inner = null)
        : base(Describe(statusCode, method, path, errors), inner)
    {
        StatusCode = statusCode;
        Errors = errors;
    }

    public VaultException()
        : this(0, "?", "?", [])
    {
    }

    public VaultException(string message)
        : base(message)
    {
        Errors = [];
    }

    public VaultException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [];
    }

    /// <summary>HTTP status from Vault; 0 when Vault could not be reached at all.</summary>
    public int StatusCode { get; }

    public IReadOnlyList<string> Errors { get; }

    /// <summary>Vault refused the token (expired, revoked, unknown): log in again.</summary>
    public bool IsInvalidToken => StatusCode == 403 && Errors.Any(e => e.Contains("invalid token", StringComparison.OrdinalIgnoreCase));

    public bool IsPermissionDenied => StatusCode == 403;

    public bool IsSealed => StatusCode == 503;

    /// <summary>A KV v2 check-and-set write lost a race (someone else wrote first).</summary>
    public bool IsCasMismatch => StatusCode == 400 && Errors.Any(e => e.Contains("check-and-set parameter did not match", StringComparison.Ordinal));

    /// <summary>Unreachable, sealed, rate-limited or failing: worth retrying later, unlike a 4xx.</summary>
    public bool IsTransient => StatusCode is 0 or 412 or 429 or >= 500;

    private static string Describe(int status, string method, string path, IReadOnlyList<string> errors)
    {
        var what = status == 0 ? "could not be reached" : $"answered {status}";
        var detail = errors.Count == 0 ? "" : ": " + string.Join("; ", errors.Select(e => e.Replace('\n', ' ').Replace('\t', ' ').Trim()));
        return $"Vault {what} for {method} /v1/{path}{detail}";
    }
}

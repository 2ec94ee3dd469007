namespace AiGateway.KeyRotation.Provider;

/// <summary>
/// A key-management call that failed. The message names the call, the HTTP status and the provider's error
/// code only: the provider's own message is left out on purpose because a 401 echoes a prefix of the
/// credential that was sent (OpenAI's "Incorrect API key provided: sk-abc***").
/// </summary>
public sealed class ProviderKeyException : Exception
{
    public ProviderKeyException(int statusCode, string operation, string? errorCode, Exception? inner = null)
        : base(Describe(statusCode, operation, errorCode), inner)
    {
        StatusCode = statusCode;
        ErrorCode = errorCode;
    }

    public ProviderKeyException()
        : this(0, "?", null)
    {
    }

    public ProviderKeyException(string message)
        : base(message)
    {
    }

    public ProviderKeyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>HTTP status from the provider; 0 when it could not be reached or answered nonsense.</summary>
    public int StatusCode { get; }

    /// <summary>The provider's <c>error.code</c> (or <c>error.type</c>), when it sent one.</summary>
    public string? ErrorCode { get; }

    private static string Describe(int status, string operation, string? code)
    {
        var what = status == 0 ? "could not be reached" : $"answered {status}";
        var hint = status is 401 or 403 ? " (check Provider:AdminKeyFile / Provider:AdminKey)" : "";
        return $"Provider {what} for {operation}{(code is null ? "" : $" ({code})")}{hint}";
    }
}
